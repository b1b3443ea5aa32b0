// CPU profile of one filter change in the panel at 5,000 accounts (issue 23: « Courriel = sans »
// was the slowest change). Writes out/profile-filter.cpuprofile and prints the heaviest functions.
// Usage: node build.mjs && [PP1_EXT_DIR=<unminified build>] node test/bench/filter-profile.mjs [with|without|all] [preview]
// With `preview`, the print preview is on screen: the change is profiled until the preview has
// checked every card (what the panel's thread does for it: the copy to its worker, the card's SVG).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BIG_STRUCTURE_ID, ROOT, fakeConsole, openPanel, printSummary, launch } from './browser.mjs';

const value = process.argv[2] ?? 'without';
const withPreview = process.argv.includes('preview');
const previewIdle = (panel) => panel.waitForFunction(() => document.querySelector('section.print-preview')?.getAttribute('aria-busy') === 'false', null, { timeout: 300_000 });
const { fake, api } = await fakeConsole();
const ext = await launch();
try {
  const { panel, loadMs } = await openPanel(ext, api, BIG_STRUCTURE_ID);
  await panel.bringToFront();
  await panel.waitForTimeout(3000);
  if (withPreview) {
    await panel.locator('section.print-preview').scrollIntoViewIfNeeded();
    await previewIdle(panel);
  }
  const select = await panel.getByRole('combobox', { name: 'Courriel', exact: true }).elementHandle();
  // once untimed (JIT), then back, then profiled
  for (const v of [value, 'all']) {
    await select.evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('change', { bubbles: true })); }, v);
    await panel.waitForTimeout(1500);
    if (withPreview) await previewIdle(panel);
  }
  const cdp = await ext.context.newCDPSession(panel);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const ms = await select.evaluate((el, v) => new Promise((res) => {
    const t0 = performance.now();
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
    requestAnimationFrame(() => { void document.body.offsetHeight; res(performance.now() - t0); });
  }), value);
  await panel.waitForTimeout(500);
  if (withPreview) await previewIdle(panel);
  const { profile } = await cdp.send('Profiler.stop');
  await mkdir(path.join(ROOT, 'out'), { recursive: true });
  await writeFile(path.join(ROOT, 'out/profile-filter.cpuprofile'), JSON.stringify(profile));
  console.log(`change to ${value}: ${Math.round(ms)} ms (panel open ${loadMs} ms)`);
  printSummary(profile, 30);
} finally {
  await ext.context.close();
  await fake.close();
}
