import { defineConfig } from '@playwright/test';

// One runner for everything: pure-core unit tests (no browser) and e2e specs that load the built
// extension into Debian's Chromium against the fake console, and the same in Debian's Firefox ESR
// (driven by puppeteer-core over WebDriver BiDi, test/firefox). Two workers on a 2-core machine:
// the suite waits far more than it computes (a whole run measured 9 CPU-minutes in 18 minutes with
// one worker: latency knobs, the real console's boot, retries), and each worker has its own browser
// and fake console, so two spec files run side by side without sharing anything.
export default defineConfig({
  workers: 2,
  timeout: 60_000,
  reporter: [['list'], ['./test/summary-reporter.ts']],
  projects: [
    { name: 'unit', testDir: 'test/unit', testMatch: /.*\.test\.ts$/ },
    { name: 'e2e', testDir: 'test/e2e', testMatch: /.*\.spec\.ts$/, timeout: 120_000 },
    { name: 'firefox', testDir: 'test/firefox', testMatch: /.*\.spec\.ts$/, timeout: 120_000 },
  ],
});
