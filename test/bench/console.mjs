// What the extension costs the console: entcore's real admin page (test/real-console) with 4,000
// rows, the console's OWN search and sort, timed in a browser with the extension (content script,
// its MutationObserver and button, the panel open beside) and in one without, round by round.
// The figure is the paired ratio (with / without) of the medians: the machines are noisy 2-core VMs,
// so both browsers run side by side and each round alternates which goes first.
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIG_STRUCTURE_ID, CHROMIUM, HOST, fakeConsole, launch, ratio, stats } from './browser.mjs';
import { waitConsoleTabId } from '../extension-browser.mjs';

const ROWS = 4000;
const ROUNDS = Number(process.env.BENCH_CONSOLE_ROUNDS ?? 8);
const MASSMAIL = `/admin/${BIG_STRUCTURE_ID}/imports-exports/massmail`;
// The console's page boots in seconds; 5,000 rows took 15 s on a busy machine (README of test/real-console).
const BOOT_MS = 180_000;

/** Chromium exactly as the extension's launch, without the extension. */
async function launchPlain() {
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'pp1-plain-')), {
    headless: true, executablePath: CHROMIUM, ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 }, locale: 'fr-FR',
    args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP fonts.googleapis.com ~NOTFOUND, MAP fonts.gstatic.com ~NOTFOUND`,
      '--ignore-certificate-errors', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--lang=fr-FR'],
  });
  return { context };
}

async function consoleReady(page) {
  await page.waitForFunction((n) => document.querySelectorAll('ode-mass-mail table tbody tr').length === n, ROWS, { timeout: BOOT_MS, polling: 500 });
}

/**
 * One operation of the console, timed inside the page: from the event to the frame after the
 * console's redraw (Angular redraws during the event; the extension's observers run right after, in
 * the same task's microtasks; the second animation frame comes after style, layout and paint).
 */
function timed(page, op) {
  return page.evaluate(async ({ kind, value }) => {
    const input = document.querySelector('ode-mass-mail table thead tr:nth-child(2) input');
    const th = document.querySelectorAll('ode-mass-mail table thead tr:first-child th')[1];
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    await frame();
    const t0 = performance.now();
    if (kind === 'search') {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else th.click();
    await frame();
    await frame();
    return { ms: performance.now() - t0, rows: document.querySelectorAll('ode-mass-mail table tbody tr').length };
  }, op);
}

/** Median to two decimals (stats() rounds to one, too coarse for a ratio near 1). */
function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return Math.round(m * 100) / 100;
}

// One round: a search that narrows the table, the search cleared (all 4,000 rows redrawn), a sort.
const OPS = [
  { name: 'search', kind: 'search', value: 'ma' },
  { name: 'clear', kind: 'search', value: '' },
  { name: 'sort', kind: 'sort' },
];

export async function run() {
  const { fake, api } = await fakeConsole();
  const problems = [];
  let withExt, plain;
  try {
    // 4,000 rows: the big school minus 1,000 of its accounts (the data knob that takes accounts out).
    const [big] = await api.get(`/__test/users?structureId=${BIG_STRUCTURE_ID}`);
    const visible = await api.allUsersAsAdml();
    const drop = visible.slice(0, visible.length - ROWS).map((u) => u.id);
    await api.post('/__test/knobs', { detachedIds: drop });
    if ((await api.allUsersAsAdml()).length !== ROWS) throw new Error(`expected ${ROWS} rows, big school has ${big.users.length}`);

    withExt = await launch();
    plain = await launchPlain();
    const a = await withExt.context.newPage();
    const b = await plain.context.newPage();
    for (const page of [a, b]) await page.goto(`${api.origin}/__test/login?as=adml&redirect=${encodeURIComponent(MASSMAIL)}`);
    await Promise.all([consoleReady(a), consoleReady(b)]);
    await a.locator('.publipostage-one-door').waitFor({ timeout: BOOT_MS });
    // The panel open beside, as a director works: it has read the 4,000 accounts before the rounds.
    const panel = await withExt.context.newPage();
    await panel.goto(`chrome-extension://${withExt.id}/panel.html?tab=${await waitConsoleTabId(withExt.sw, MASSMAIL, BOOT_MS)}`);
    await panel.locator('.count-selected').waitFor({ timeout: BOOT_MS });
    const panelCount = (await panel.locator('.count-selected').textContent())?.trim();

    const times = Object.fromEntries(OPS.map((o) => [o.name, { with: [], without: [], ratios: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of OPS) {
        const pair = {};
        // Alternate which browser goes first, so neither always runs on a warmer (or busier) machine.
        for (const [side, page] of round % 2 ? [['without', b], ['with', a]] : [['with', a], ['without', b]]) {
          const r = await timed(page, op);
          pair[side] = r;
          if (op.name !== 'search' && r.rows !== ROWS) problems.push(`${op.name} (${side}): ${r.rows} rows, not ${ROWS}`);
        }
        if (pair.with.rows !== pair.without.rows) problems.push(`${op.name}: ${pair.with.rows} rows with the extension, ${pair.without.rows} without`);
        times[op.name].with.push(pair.with.ms);
        times[op.name].without.push(pair.without.ms);
        times[op.name].ratios.push(pair.with.ms / pair.without.ms);
      }
      // On a loaded machine a round takes a minute: say where it is.
      process.stderr.write(`  round ${round + 1}/${ROUNDS}: ${OPS.map((o) => `${o.name} ${Math.round(times[o.name].with.at(-1))}/${Math.round(times[o.name].without.at(-1))} ms`).join(', ')}\n`);
    }
    // The door is still there, once, after every redraw.
    const doors = await a.locator('.publipostage-one-door').count();
    if (doors !== 1) problems.push(`${doors} « Publipostage avancé » buttons after the rounds`);

    const result = { rows: ROWS, rounds: ROUNDS, panel: panelCount, problems, ops: {} };
    for (const op of OPS) {
      const t = times[op.name];
      result.ops[op.name] = {
        with: stats(t.with), without: stats(t.without),
        ratio: ratio(stats(t.with).median, stats(t.without).median),
        pairedMedian: median(t.ratios),
      };
    }
    const all = OPS.flatMap((o) => times[o.name].ratios);
    result.pairedMedianAll = median(all);
    return result;
  } finally {
    await withExt?.context.close().catch(() => undefined);
    await plain?.context.close().catch(() => undefined);
    await fake.close();
  }
}
