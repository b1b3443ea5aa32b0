/**
 * Keeps a props object the same (same identity) while what it holds is the same, so a memoized
 * element is redrawn when one of its props changes, and only then, without a hand-kept list of
 * dependencies that a new prop silently escapes. Values are compared by identity, and one level into
 * plain objects (an `actions` bundle made afresh at each render from the same parts).
 */
import { Component, type ComponentChildren, type ComponentType } from 'preact';
import { useRef } from 'preact/hooks';

const plain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Same keys, same values (identity), plain objects compared one level down. */
export function sameProps(a: Record<string, unknown>, b: Record<string, unknown>, deep = true): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    const x = a[k];
    const y = b[k];
    if (Object.is(x, y)) return true;
    return deep && plain(x) && plain(y) && sameProps(x, y, false);
  });
}

/** `props`, or the earlier object when it holds the same (sameProps). */
export function useSameProps<T extends Record<string, unknown>>(props: T): T {
  const kept = useRef<T | null>(null);
  if (!kept.current || !sameProps(kept.current, props)) kept.current = props;
  return kept.current;
}

/**
 * A component drawn again only when its props are not `sameProps` (one level, by identity): a row of
 * the verification list that shows the same account, tick and stamp at the same place as before is
 * skipped whole, where a function component is called and diffed at every render of its parent.
 * `render` is called, not mounted: no hooks in it.
 */
export function skipWhenSame<P extends Record<string, unknown>>(render: (p: P) => ComponentChildren): ComponentType<P> {
  return class extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !sameProps(this.props as P, next, false);
    }
    override render(p: P): ComponentChildren {
      return render(p);
    }
  };
}
