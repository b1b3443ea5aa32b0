import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PageInfo } from '../../src/console/endpoints';
import type { ConsoleError } from '../../src/console/errors';
import type { Account, ClassRef, Structure } from '../../src/model/account';
import type { ProfileMetrics } from '../../src/console/parse';
import { isMessage, type LoadProgress, type PageDetected } from '../../src/messages';
import { ext } from '../../src/platform/browser-api';
import { loadAccounts, ping } from './console-link';
import { installKey } from './install-secret';
import { pseudonymizeTableIds } from '../../src/model/table-ids';

export interface Roster {
  structureId: string;
  structures: Structure[];
  classes: ClassRef[];
  accounts: Account[];
  source: 'json' | 'table';
  sourceDetail?: string;
  /** Teacher page, no class of their own yet: `structures` are their schools, to choose a class in. */
  chooseClass?: boolean;
  /** Teacher page: the class the page shows, preselected in the panel. */
  pageClassId?: string;
  /** Teacher page: parents of the students who are in no class list (old imports). */
  unlistedRelatives?: number;
  /** Console page: the structure's own activation counts, when readable. */
  metrics?: ProfileMetrics[];
}

export type RosterState =
  | { state: 'no-page' }
  | { state: 'loading'; receivedBytes: number; tableWaitS?: number }
  | { state: 'error'; error: ConsoleError | { kind: 'content'; detail: string } }
  | { state: 'ready'; roster: Roster };

/** Reads the roster from the console tab: accounts stay in this page's memory only. */
export function useRoster(tabId: number | null): {
  status: RosterState;
  page: PageInfo | null;
  /** `structureId`: read that school; null: back to the school the page shows; absent: the same again. */
  reload: (structureId?: string | null) => void;
} {
  const [status, setStatus] = useState<RosterState>({ state: 'loading', receivedBytes: 0 });
  const [page, setPage] = useState<PageInfo | null>(null);
  const [nonce, setNonce] = useState(0);
  const [wanted, setWanted] = useState<string | null>(null);

  useEffect(() => {
    if (tabId === null) {
      setStatus({ state: 'no-page' });
      return;
    }
    let live = true;
    let waitingForPage = false;
    const onProgress = (msg: unknown, sender: chrome.runtime.MessageSender) => {
      if (!live || sender.tab?.id !== tabId) return;
      if (isMessage<LoadProgress>(msg, 'load-progress'))
        setStatus((s) => (s.state === 'loading'
          ? { state: 'loading', receivedBytes: msg.receivedBytes, ...(msg.table ? { tableWaitS: msg.table.waitS } : {}) }
          : s));
      // Asked while the tab was still on its way to the console page (back from the MFA or terms
      // page, a reload, a slow boot): read as soon as its content script finds the page, rather than
      // leaving « open the page » on screen over the very page.
      else if (waitingForPage && isMessage<PageDetected>(msg, 'page-detected') && msg.page) {
        waitingForPage = false;
        setNonce((n) => n + 1);
      }
    };
    ext().runtime.onMessage.addListener(onProgress);
    (async () => {
      setStatus({ state: 'loading', receivedBytes: 0 });
      const p = await ping(tabId);
      if (!live) return;
      setPage(p);
      if (!p) {
        waitingForPage = true;
        return setStatus({ state: 'no-page' });
      }
      try {
        const r = await loadAccounts(tabId, wanted ?? p.structureId);
        // For `npm run bench`: when the list reached the panel (test/bench/browser.mjs openPanel).
        performance.mark('pp1:roster');
        if (!live) return;
        if (!r) return setStatus({ state: 'error', error: { kind: 'content', detail: 'no answer' } });
        if (!r.ok) return setStatus({ state: 'error', error: r.error });
        // Table mode: the content script keys rows by login; a login must never reach storage
        // (the distribution log is keyed by id), so the ids become keyed hashes here, before anything else.
        const accounts = r.source === 'table' ? await pseudonymizeTableIds(r.accounts, await installKey()) : r.accounts;
        if (!live) return;
        setStatus({
          state: 'ready',
          roster: {
            structureId: r.structureId, structures: r.structures, classes: r.classes, accounts, source: r.source,
            ...(r.chooseClass ? { chooseClass: true } : {}), ...(r.unlistedRelatives ? { unlistedRelatives: r.unlistedRelatives } : {}),
            ...(r.metrics ? { metrics: r.metrics } : {}),
            ...(r.pageClassId ? { pageClassId: r.pageClassId } : {}),
          },
        });
      } catch (e) {
        if (live) setStatus({ state: 'error', error: { kind: 'content', detail: (e as Error).message } });
      }
    })();
    return () => {
      live = false;
      ext().runtime.onMessage.removeListener(onProgress);
    };
  }, [tabId, nonce, wanted]);

  const reload = useCallback((structureId?: string | null) => {
    if (structureId !== undefined) setWanted(structureId);
    setNonce((n) => n + 1);
  }, []);

  return { status, page, reload };
}
