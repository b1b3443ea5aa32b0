import type { FullResult, Reporter, Suite } from '@playwright/test/reporter';

/** Prints the plain closing line CI reads: "tests: N passed, N failed, N skipped". */
export default class SummaryReporter implements Reporter {
  private root?: Suite;

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  onEnd(_result: FullResult): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const t of this.root?.allTests() ?? []) {
      const o = t.outcome();
      if (o === 'skipped') counts.skipped++;
      else if (o === 'unexpected') counts.failed++;
      else counts.passed++;
    }
    console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
