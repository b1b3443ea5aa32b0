/**
 * The toolbar popup's quick search reaches the panel through `storage.session` (memory only, never
 * on disk, not readable by content scripts), not through the panel's URL: a name typed there must
 * not end up in the browser's history. The panel takes it once and removes it at once.
 */
import { ext } from '../../src/platform/browser-api';

const KEY = 'quick-search';
/** A search not taken within this time (the panel never opened) is dropped. */
const MAX_AGE_MS = 60_000;

interface Stashed {
  tabId: number;
  q: string;
  at: number;
}

export async function stashQuickSearch(tabId: number, q: string): Promise<void> {
  const session = ext().storage.session;
  if (!session || !q.trim()) return;
  await session.set({ [KEY]: { tabId, q: q.trim(), at: Date.now() } satisfies Stashed });
}

/**
 * The search the popup left for this tab, or '' — removed from storage at the first call; later
 * calls in the same page (the meeting section mounted again) get the same answer.
 */
let taken: { tabId: number; q: Promise<string> } | null = null;

export function takeQuickSearch(tabId: number): Promise<string> {
  if (taken?.tabId !== tabId) taken = { tabId, q: take(tabId) };
  return taken.q;
}

async function take(tabId: number): Promise<string> {
  const session = ext().storage.session;
  if (!session) return '';
  const got = (await session.get(KEY))[KEY] as Stashed | undefined;
  if (!got) return '';
  await session.remove(KEY);
  const fresh = typeof got.at === 'number' && Date.now() - got.at < MAX_AGE_MS;
  return got.tabId === tabId && fresh && typeof got.q === 'string' ? got.q : '';
}

/**
 * A search the popup leaves while this panel is already open (or opening: its first read may come
 * before the popup's write): taken as it arrives. Returns the unsubscribe function.
 */
export function watchQuickSearch(tabId: number, onSearch: (q: string) => void): () => void {
  if (!ext().storage.session) return () => undefined;
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    const v = changes[KEY]?.newValue as Stashed | undefined;
    if (area !== 'session' || v?.tabId !== tabId) return;
    take(tabId).then((q) => q && onSearch(q), () => undefined);
  };
  ext().storage.onChanged.addListener(listener);
  return () => ext().storage.onChanged.removeListener(listener);
}
