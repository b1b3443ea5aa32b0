// Measure 3: the mail campaign through the real path (panel → content script →
// POST /directory/class-admin/massmail) against the fake console with 100 ms latency, ~1,000
// accounts; and the runner alone in Node (benchCampaign, in-memory sender) as the floor.
// Wall: in the panel page, performance.now() from the click on « Envoyer » to the DOM showing the
// ended report (report present, stop button gone). Requests, duplicates: the fake console's records.
// Usage: node test/bench/mail.mjs   (after node build.mjs)
import { pathToFileURL } from 'node:url';
import { BIG_STRUCTURE_ID, fakeConsole, importCore, launch, openPanel, ratio, stats } from './browser.mjs';

const LATENCY_MS = 100;
const CHUNK = 5; // runner defaults (src/campaign/runner.ts)
const CONCURRENCY = 4;
const CREATED_BEFORE = '2025-09-12'; // with « Utilisateur avec courriel »: ~1,000 accounts of the big structure

const STOP = 'Arrêter après l’envoi en cours';

function waitEndInPage(button, { stop, timeout }) {
  return new Promise((resolve) => {
    const ended = () => document.querySelector('.report') && ![...document.querySelectorAll('button')].some((b) => b.textContent === stop);
    const mo = new MutationObserver(() => ended() && finish(false));
    const finish = (timedOut) => {
      mo.disconnect();
      requestAnimationFrame(() => resolve({ ms: performance.now() - t0, timedOut, report: document.querySelector('.report')?.textContent ?? '' }));
    };
    mo.observe(document.body, { childList: true, characterData: true, subtree: true });
    setTimeout(() => finish(true), timeout);
    const t0 = performance.now();
    button.click();
  });
}

/**
 * Diagnostics only, from outside the panel's code: wraps chrome.storage.local.set and
 * chrome.tabs.sendMessage in the panel page to time each call during the campaign.
 */
function instrument() {
  const spans = (window.__benchSpans = { storageSet: [], sendMessage: [], longTasks: [] });
  const wrap = (obj, name, out) => {
    const orig = obj[name].bind(obj);
    obj[name] = (...args) => {
      const t0 = performance.now();
      const p = orig(...args);
      p.then(() => out.push(performance.now() - t0), () => undefined);
      return p;
    };
  };
  wrap(chrome.storage.local, 'set', spans.storageSet);
  wrap(chrome.tabs, 'sendMessage', spans.sendMessage);
  new PerformanceObserver((l) => l.getEntries().forEach((e) => spans.longTasks.push(e.duration))).observe({ type: 'longtask' });
}

export async function run() {
  const { fake, api } = await fakeConsole();
  const ext = await launch();
  const problems = [];
  try {
    const { panel, tabId } = await openPanel(ext, api, BIG_STRUCTURE_ID);
    await panel.getByRole('combobox', { name: 'Courriel', exact: true }).selectOption('with');
    await panel.getByRole('combobox', { name: 'Date de création', exact: true }).selectOption('before');
    await panel.getByLabel('Date', { exact: true }).fill(CREATED_BEFORE);
    await panel.waitForTimeout(300);
    const n = Number((await panel.locator('.count-selected').textContent()).replace(/\D/g, ''));

    await api.post('/__test/knobs', { latencyMs: LATENCY_MS });
    const r0 = (await api.get('/__test/requests')).length;
    const m0 = (await api.get('/__test/mails')).length;
    await panel.getByRole('button', { name: 'Envoyer par mail', exact: true }).click();
    const send = panel.getByRole('button', { name: 'Envoyer', exact: true });
    await send.waitFor({ timeout: 10_000 });
    await panel.evaluate(instrument);
    const end = await send.evaluate(waitEndInPage, { stop: STOP, timeout: 300_000 });
    if (end.timedOut) problems.push(`mail campaign not ended after 300 s: ${end.report}`);
    await api.post('/__test/knobs', { latencyMs: 0 });

    const reqs = (await api.get('/__test/requests')).slice(r0);
    const mails = (await api.get('/__test/mails')).slice(m0);
    const posts = reqs.filter((r) => r.method === 'POST' && r.path === '/directory/class-admin/massmail');
    const perUser = new Map();
    for (const m of mails) perUser.set(m.userId, (perUser.get(m.userId) ?? 0) + 1);
    const duplicates = [...perUser.values()].filter((k) => k > 1).length;
    const failed = posts.filter((r) => r.status !== 200).length;
    const first = Math.min(...posts.map((r) => Date.parse(r.time)));
    const last = Math.max(...posts.map((r) => Date.parse(r.time) + (r.durationMs ?? 0)));
    const ideal = Math.ceil(n / CHUNK / CONCURRENCY) * LATENCY_MS;
    const sent = Number(/(\d+)\s*envoyé/.exec(end.report)?.[1] ?? NaN);
    if (sent !== n) problems.push(`report says ${sent} sent, ${n} accounts selected (« ${end.report} »)`);
    if (perUser.size !== n) problems.push(`${perUser.size} distinct accounts mailed, ${n} selected`);
    if (failed) problems.push(`${failed} massmail requests did not answer 200`);
    const chunkSizes = [...new Set(posts.map((r) => r.selected?.length ?? -1))];
    // Where the time beyond the ideal goes: time the server holds each request (latency + work), and
    // the idle gap in each lane between a request's end and the next start (matched greedily in order).
    const ends = posts.map((r) => Date.parse(r.time) + (r.durationMs ?? 0)).sort((a, b) => a - b);
    const starts = posts.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
    const gaps = starts.slice(CONCURRENCY).map((s, i) => s - ends[i]);

    const spans = await panel.evaluate(() => window.__benchSpans);
    // Diagnostics of the per-chunk client cost, measured from outside in the panel page: one write of
    // the stored campaign (the runner awaits two per chunk, serialised) and one panel→content message.
    const diag = await panel.evaluate(async ({ key, tabId }) => {
      const raw = (await chrome.storage.local.get(key))[key];
      const time = async (k, f) => {
        const t = [];
        for (let i = 0; i < k; i++) {
          const t0 = performance.now();
          await f();
          t.push(performance.now() - t0);
        }
        return t.sort((a, b) => a - b)[k >> 1];
      };
      return {
        campaignBytes: typeof raw === 'string' ? raw.length : JSON.stringify(raw ?? null).length,
        storageSetMs: await time(20, () => chrome.storage.local.set({ [key]: raw })),
        pingMs: await time(20, () => chrome.tabs.sendMessage(tabId, { type: 'ping' })),
      };
    }, { key: `campaign:${BIG_STRUCTURE_ID}`, tabId });

    const { benchCampaign } = await importCore(`export { benchCampaign } from './test/support/campaign-bench';`);
    const floor = await benchCampaign({ n, latencyMs: LATENCY_MS, chunkSize: CHUNK, concurrency: CONCURRENCY });

    return {
      accounts: n,
      latencyMs: LATENCY_MS,
      chunkSize: CHUNK,
      concurrency: CONCURRENCY,
      idealMs: ideal,
      wallMs: Math.round(end.ms),
      serverSpanMs: last - first,
      ratio: ratio(end.ms, ideal),
      serverMs: stats(posts.map((r) => r.durationMs ?? 0)),
      laneGapMs: stats(gaps),
      inRun: {
        storageSet: stats(spans.storageSet),
        sendMessage: stats(spans.sendMessage),
        longTasks: spans.longTasks.length,
        longTaskMs: Math.round(spans.longTasks.reduce((a, b) => a + b, 0)),
      },
      idleMedianMs: { storageSet: Math.round(diag.storageSetMs * 10) / 10, ping: Math.round(diag.pingMs * 10) / 10, campaignBytes: diag.campaignBytes },
      requests: { massmail: posts.length, other: reqs.length - posts.length, failed, chunkSizes },
      mails: mails.length,
      duplicates,
      report: end.report,
      node: { wallMs: floor.wallMs, requests: floor.requests, duplicates: floor.duplicates, maxInFlight: floor.maxInFlight, ratio: ratio(floor.wallMs, floor.idealMs) },
      target: { ratio: 1.2, met: end.ms <= 1.2 * ideal && duplicates === 0 },
      problems,
    };
  } finally {
    await ext.context.close();
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run(), null, 2));
