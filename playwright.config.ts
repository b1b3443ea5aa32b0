import { defineConfig } from '@playwright/test';

// One runner for everything: pure-core unit tests (no browser) and e2e specs that load the built
// extension into Debian's Chromium against the fake console, and the same in Debian's Firefox ESR
// (driven by puppeteer-core over WebDriver BiDi, test/firefox).
//
// Two workers, one test at a time per project: the Chromium e2e tests on one, the unit tests then the
// Firefox ones on the other. The e2e tests wait more than they compute (the real console's boot,
// the panel's reads), and the unit tests (PDF renders, poppler) and Firefox use the second core
// meanwhile. Two workers on the e2e tests alone were tried and dropped (16 minutes under load, and
// timing-bound tests went flaky): two Chromiums booting the real console at once collide.
export default defineConfig({
  workers: process.env.PP1_WORKERS ? Number(process.env.PP1_WORKERS) : 2,
  timeout: 60_000,
  reporter: [['list'], ['./test/summary-reporter.ts']],
  projects: [
    { name: 'unit', testDir: 'test/unit', testMatch: /.*\.test\.ts$/, workers: 1 },
    { name: 'e2e', testDir: 'test/e2e', testMatch: /.*\.spec\.ts$/, timeout: 120_000, workers: 1 },
    { name: 'firefox', testDir: 'test/firefox', testMatch: /.*\.spec\.ts$/, timeout: 120_000, workers: 1 },
  ],
});
