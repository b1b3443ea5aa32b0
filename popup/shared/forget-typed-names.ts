/**
 * Names typed in our pages (list search, meeting mode, the popup's quick search) must not reach the
 * disk. Chrome keeps a page's form state in the profile's session files (`Sessions/Session_*`,
 * `Tabs_*`) to restore tabs; `autocomplete="off"` keeps a field out of that state, and this empties
 * every such field when the page goes away, in case a browser keeps it all the same.
 */

/** The attribute every field that may hold a name carries, with `autocomplete="off"`. */
export const TYPED_NAME = 'data-typed-name';

export function forgetTypedNamesOnPageHide(): void {
  addEventListener('pagehide', () => {
    for (const input of document.querySelectorAll<HTMLInputElement>(`input[${TYPED_NAME}]`)) input.value = '';
  });
}
