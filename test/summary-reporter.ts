import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import path from 'node:path';

interface Timed {
  project: string;
  file: string;
  title: string;
  start: number;
  end: number;
  /** The worker slot that ran it: the time between tests is measured per slot. */
  slot: number;
}

/**
 * Prints where the run's time went, then the plain closing line CI reads: "tests: N passed, N failed,
 * N skipped". Per project and per spec file: the wall clock from its first test's start to its last
 * test's end, the tests' own durations, and the time between tests (fixture teardown and setup that
 * Playwright counts in no test, e.g. a browser launched for a project); then the slowest tests.
 */
export default class SummaryReporter implements Reporter {
  private root?: Suite;
  private timed: Timed[] = [];

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const start = result.startTime.getTime();
    this.timed.push({
      project: test.parent.project()?.name ?? '',
      file: path.relative(process.cwd(), test.location.file),
      title: `${path.basename(test.location.file)}:${test.location.line} ${test.title}`,
      start,
      end: start + result.duration,
      slot: result.parallelIndex,
    });
  }

  onEnd(_result: FullResult): void {
    this.printTimes();
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const t of this.root?.allTests() ?? []) {
      const o = t.outcome();
      if (o === 'skipped') counts.skipped++;
      else if (o === 'unexpected') counts.failed++;
      else counts.passed++;
    }
    console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }

  private printTimes(): void {
    const all = [...this.timed].sort((a, b) => a.start - b.start);
    if (all.length < 2) return;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const groups = (key: (t: Timed) => string) => {
      const m = new Map<string, { n: number; own: number; first: number; last: number; gap: number }>();
      const lastEnd = new Map<number, number>();
      for (const t of all) {
        const g = m.get(key(t)) ?? { n: 0, own: 0, first: t.start, last: t.end, gap: 0 };
        g.n++;
        g.own += t.end - t.start;
        g.last = Math.max(g.last, t.end);
        // the time before this test since the previous one on its worker slot ended, charged to this test's group
        const before = lastEnd.get(t.slot);
        if (before !== undefined) g.gap += Math.max(0, t.start - before);
        lastEnd.set(t.slot, t.end);
        m.set(key(t), g);
      }
      return [...m.entries()].sort((a, b) => b[1].own + b[1].gap - (a[1].own + a[1].gap));
    };
    console.log('time per project (tests, their own time, the time before them outside any test):');
    for (const [k, g] of groups((t) => t.project)) console.log(`  ${k}: ${g.n} tests, ${s(g.last - g.first)} wall, ${s(g.own)} in tests, ${s(g.gap)} between`);
    console.log('slowest spec files:');
    for (const [k, g] of groups((t) => t.file).slice(0, 12)) console.log(`  ${s(g.own + g.gap).padStart(8)}  ${k} (${g.n} tests, ${s(g.gap)} between)`);
    console.log('slowest tests:');
    for (const t of [...all].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 10)) console.log(`  ${s(t.end - t.start).padStart(8)}  ${t.title.slice(0, 110)}`);
  }
}
