/**
 * Firefox's sidebar follows the active tab by drawing a new panel for it. While the mail dialog is
 * open (a run, its report) that would drop the dialog mid-run and leave the run going on unseen:
 * the dialog pins the sidebar to its tab until it closes, and the sidebar then follows the tab the
 * director is on.
 */
let pins = 0;
const listeners = new Set<() => void>();

export function pinned(): boolean {
  return pins > 0;
}

/** Pins the sidebar; returns the unpin. */
export function pin(): () => void {
  pins++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pins--;
    if (!pins) for (const l of [...listeners]) l();
  };
}

/** Called each time the last pin goes. Returns the unsubscribe. */
export function onUnpinned(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
