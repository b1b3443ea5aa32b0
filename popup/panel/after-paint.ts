/**
 * Runs `fn` once, right after the page's next frame has been drawn, or after `maxWaitMs` when the
 * page draws none (a hidden tab draws no frames): work that can wait never holds back what the user
 * is waiting to see.
 */
export function afterNextPaint(fn: () => void, maxWaitMs = 100): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, maxWaitMs);
}
