/**
 * The console tab's side of a mail run handed over ahead (`depth` > 1 in runner.ts): at most `slots`
 * requests at the console at once, the others wait in the order they came and start the moment a
 * request ends, without waiting for the panel's round trip.
 *
 * A waiting chunk has never been requested, so it can be given back (`notSent`) with certainty:
 * when the run is abandoned (stopped, cancelled), when the panel that owns it is gone, when the page
 * is going away, or when it waited longer than `waitMs` (the panel then still has time to hear of it
 * before its own timeout, so it never retries a chunk this queue might still start).
 */
export class SendQueue<R> {
  private active = 0;
  private readonly waiting: { go: () => void; giveBack: () => void }[] = [];

  constructor(
    private readonly slots: number,
    private readonly notSent: () => R,
  ) {}

  /**
   * Runs `task` when a slot is free; `notSent()` if it was given back before starting. The task may
   * free its slot before it ends (`release`, once the console has answered and only its answer's body
   * is still on its way): the next chunk's request then leaves one hop of the console tab's thread earlier.
   */
  async run(task: (release: () => void) => Promise<R>, waitMs: number): Promise<R> {
    if (this.active >= this.slots) {
      const started = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(item);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve(false);
        }, waitMs);
        const item = {
          go: () => {
            clearTimeout(timer);
            resolve(true);
          },
          giveBack: () => {
            clearTimeout(timer);
            resolve(false);
          },
        };
        this.waiting.push(item);
      });
      // A slot was taken for us by `next` when started.
      if (!started) return this.notSent();
    } else {
      this.active++;
    }
    let held = true;
    const release = (): void => {
      if (!held) return;
      held = false;
      this.active--;
      this.next();
    };
    try {
      return await task(release);
    } finally {
      release();
    }
  }

  /** Gives back every chunk still waiting; returns how many. */
  giveBackWaiting(): number {
    const all = this.waiting.splice(0);
    for (const w of all) w.giveBack();
    return all.length;
  }

  /** Nothing at the console and nothing waiting. */
  get idle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }

  private next(): void {
    while (this.active < this.slots && this.waiting.length) {
      this.active++;
      this.waiting.shift()!.go();
    }
  }
}
