import { defineConfig } from '@playwright/test';

// One runner for everything: pure-core unit tests (no browser) and e2e specs that load the built
// extension into Debian's Chromium against the fake console, and the same in Debian's Firefox ESR
// (driven by puppeteer-core over WebDriver BiDi, test/firefox). One worker: the suite waits more
// than it computes (9 CPU-minutes in 18 minutes), yet two workers on a 2-core machine took nearly as
// long (16 minutes) and made timing-bound tests flaky: the real console's boots collide.
export default defineConfig({
  workers: 1,
  timeout: 60_000,
  reporter: [['list'], ['./test/summary-reporter.ts']],
  projects: [
    { name: 'unit', testDir: 'test/unit', testMatch: /.*\.test\.ts$/ },
    { name: 'e2e', testDir: 'test/e2e', testMatch: /.*\.spec\.ts$/, timeout: 120_000 },
    { name: 'firefox', testDir: 'test/firefox', testMatch: /.*\.spec\.ts$/, timeout: 120_000 },
  ],
});
