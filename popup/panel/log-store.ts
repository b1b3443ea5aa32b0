/**
 * The panel's copy of the school's distribution log, held outside the workspace's state: a mark
 * (printed, handed, mailed) redraws the views that show the log (the list's stamps, the follow-up,
 * the meeting mode) and nothing else. As the workspace's state, each of a mail run's marks redrew
 * the whole panel twice (the mark, then the stored log), the run's dialog and the print preview
 * included, on the thread that hands the run's chunks over.
 */
import type { ComponentChild, ComponentType } from 'preact';
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DistributionLog } from '../../src/model/distribution';

export interface LogStore {
  get(): DistributionLog;
  set(next: DistributionLog | ((prev: DistributionLog) => DistributionLog)): void;
  /** `f` after each change; returns the unsubscribe function. */
  subscribe(f: () => void): () => void;
}

export function createLogStore(initial: DistributionLog): LogStore {
  let log = initial;
  const subs = new Set<() => void>();
  return {
    get: () => log,
    set(next) {
      const v = typeof next === 'function' ? next(log) : next;
      if (v === log) return;
      log = v;
      for (const f of [...subs]) f();
    },
    subscribe(f) {
      subs.add(f);
      return () => subs.delete(f);
    },
  };
}

/** The log now; the calling component is drawn again at each change while `live`. */
export function useLog(store: LogStore, live = true): DistributionLog {
  const [, redraw] = useState(0);
  const log = store.get();
  useEffect(() => {
    if (!live) return;
    const stop = store.subscribe(() => redraw((n) => n + 1));
    // changed between this render and the subscription
    if (store.get() !== log) redraw((n) => n + 1);
    return stop;
  }, [store, live]);
  return log;
}

/** `C` given the store's log as its `log` prop, and drawn again when the log changes. */
export function withLog<P extends { log: DistributionLog }>(C: ComponentType<P>): (props: Omit<P, 'log'> & { logs: LogStore }) => ComponentChild {
  return function Logged({ logs, ...rest }: Omit<P, 'log'> & { logs: LogStore }) {
    const log = useLog(logs);
    return h(C, { ...(rest as unknown as Omit<P, 'log'>), log } as P);
  };
}
