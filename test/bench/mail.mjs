// Measure 3: the mail campaign through the real path (panel → content script →
// POST /directory/class-admin/massmail) against the fake console with 100 ms latency, ~1,000
// accounts; and the runner alone in Node (benchCampaign, in-memory sender) as the floor.
// Wall: in the panel page, performance.now() from the click on « Envoyer » to the DOM showing the
// ended report (report present, stop button gone). Requests, duplicates: the fake console's records.
// A run that did not mail every selected account exactly once is a failed run: its ratio is not a
// measure of anything, `target.met` is false and `failedRun` says why (npm run bench then exits 1).
// Usage: node test/bench/mail.mjs   (after node build.mjs)
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { BIG_STRUCTURE_ID, browserThreadsCpu, fakeConsole, importCore, launch, openPanel, ratio, stats } from './browser.mjs';

const LATENCY_MS = 100;
const CHUNK = 5; // runner defaults (src/campaign/runner.ts)
const CONCURRENCY = 4;
const CREATED_BEFORE = '2025-09-12'; // with « Utilisateur avec courriel »: ~1,000 accounts of the big structure

const STOP = 'Arrêter après l’envoi en cours';
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** « Bilan pour N comptes : a envoyés, b sans courriel, c en échec, d incertains, e refusés, f non envoyés (envoi arrêté). » */
export function parseReport(text) {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^Bilan pour (\d+) comptes? : (\d+) envoyés?, (\d+) sans courriel, (\d+) en échec, (\d+) incertains?, (\d+) refusés?, (\d+) non envoyés? \(envoi arrêté\)\.$/.exec(t);
  if (!m) return null;
  const [selected, sent, noAddress, failed, uncertain, refused, notSent] = m.slice(1).map(Number);
  return { selected, sent, noAddress, failed, uncertain, refused, notSent };
}

function waitEndInPage(button, { stop, timeout }) {
  return new Promise((resolve) => {
    const ended = () => document.querySelector('.report') && ![...document.querySelectorAll('button')].some((b) => b.textContent === stop);
    const mo = new MutationObserver(() => ended() && finish(false));
    const finish = (timedOut) => {
      mo.disconnect();
      requestAnimationFrame(() => resolve({ ms: performance.now() - t0, clickAt: window.__benchClickAt, endAt: performance.timeOrigin + performance.now(), timedOut, report: document.querySelector('.report')?.textContent ?? '' }));
    };
    mo.observe(document.body, { childList: true, characterData: true, subtree: true });
    setTimeout(() => finish(true), timeout);
    const t0 = performance.now();
    window.__benchClickAt = performance.timeOrigin + t0;
    button.click();
  });
}

/**
 * Diagnostics only, from outside the panel's code: wraps chrome.storage.local.set and
 * chrome.tabs.sendMessage in the panel page to time each call during the campaign.
 */
function instrument() {
  const spans = (window.__benchSpans = { storageSet: [], sendMessage: [], longTasks: [], sends: [] });
  const at = () => performance.timeOrigin + performance.now();
  const wrap = (obj, name, out) => {
    const orig = obj[name].bind(obj);
    obj[name] = (...args) => {
      const t0 = performance.now();
      const a0 = at();
      const p = orig(...args);
      const first = args[1]?.type === 'send-mail' ? args[1].ids?.[0] : undefined;
      p.then(() => {
        out.push(performance.now() - t0);
        if (first) spans.sends.push({ first, start: a0, end: at() });
      }, () => undefined);
      return p;
    };
  };
  wrap(chrome.storage.local, 'set', spans.storageSet);
  wrap(chrome.tabs, 'sendMessage', spans.sendMessage);
  new PerformanceObserver((l) => l.getEntries().forEach((e) => spans.longTasks.push(e.duration))).observe({ type: 'longtask' });
}

/**
 * CPU time of the run per browser process (the extension's renderer: panel and service worker; the
 * console tab's renderer, where the content script runs; the network service…) and of their main
 * threads, from two /proc snapshots; and the bench's own process (the fake console). Under load, every
 * millisecond of CPU spent per chunk is a millisecond another process waits for a core.
 */
function cpuByProcess(a, b, node) {
  if (!a || !b) return null;
  const label = (pid) => {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {}
    const type = /--type=([\w-]+)/.exec(cmd)?.[1];
    if (!type) return 'browser';
    if (type === 'renderer') return cmd.includes('--extension-process') ? 'extRenderer' : 'consoleRenderer';
    if (type === 'utility') return /NetworkService/i.test(cmd) ? 'network' : /[Ss]torage/.test(cmd) ? 'storage' : 'utility';
    return type;
  };
  const out = { node: Math.round(node.user / 1000 + node.system / 1000) };
  const labels = new Map();
  for (const [k, v] of b) {
    const d = v.ms - (a.get(k)?.ms ?? 0);
    if (d <= 0) continue;
    const l = labels.get(v.pid) ?? labels.set(v.pid, label(v.pid)).get(v.pid);
    out[l] = (out[l] ?? 0) + d;
    if (k === `${v.pid}/${v.pid}`) out[`${l}Main`] = (out[`${l}Main`] ?? 0) + d;
  }
  return out;
}

/**
 * `probe` (diagnostics, test/bench/mail-profile.mjs): called with the pages just before the click on
 * « Envoyer »; the function it returns is awaited once the report is on screen.
 */
export async function run({ probe, keepRaw = false } = {}) {
  const { fake, api } = await fakeConsole();
  const ext = await launch();
  const problems = [];
  try {
    const { panel, tabId, consolePage } = await openPanel(ext, api, BIG_STRUCTURE_ID, 'admc');
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
    // The selection mixes activated and not-activated accounts: mail them all (reminders included).
    const only = panel.getByRole('checkbox', { name: 'Seulement les comptes non activés' });
    if (await only.count()) await only.uncheck();
    const loadBefore = loadavg();
    await panel.evaluate(instrument);
    const probed = await probe?.({ ext, panel, consolePage, api });
    const cpu0 = browserThreadsCpu(ext.userDataDir);
    const node0 = process.cpuUsage();
    const end = await send.evaluate(waitEndInPage, { stop: STOP, timeout: 300_000 });
    const cpuMs = cpuByProcess(cpu0, browserThreadsCpu(ext.userDataDir), process.cpuUsage(node0));
    await probed?.();
    const loadAfter = loadavg();
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
    const report = parseReport(end.report);
    if (!report) problems.push(`no report line the bench can read: « ${end.report} »`);
    else {
      const sum = report.sent + report.noAddress + report.failed + report.uncertain + report.refused + report.notSent;
      if (sum !== report.selected) problems.push(`the report does not add up: ${sum} outcomes for ${report.selected} accounts (« ${end.report} »)`);
      if (report.selected !== n) problems.push(`the report counts ${report.selected} accounts, ${n} selected`);
      if (report.sent !== n) problems.push(`report says ${report.sent} sent, ${n} accounts selected (« ${end.report} »)`);
    }
    if (perUser.size !== n) problems.push(`${perUser.size} distinct accounts mailed, ${n} selected`);
    if (duplicates) problems.push(`${duplicates} accounts mailed more than once`);
    if (failed) problems.push(`${failed} massmail requests did not answer 200`);
    if (!posts.length) problems.push('no massmail request reached the console');
    const chunkSizes = [...new Set(posts.map((r) => r.selected?.length ?? -1))];
    // Where the time beyond the ideal goes: time the server holds each request (latency + work), and
    // the idle gap in each lane between a request's end and the next start (matched greedily in order).
    const ends = posts.map((r) => Date.parse(r.time) + (r.durationMs ?? 0)).sort((a, b) => a - b);
    const starts = posts.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
    const gaps = starts.slice(CONCURRENCY).map((s, i) => s - ends[i]);
    // The run's two ends, on one clock (the panel's wall clock and the fake console's, same machine):
    // from the click to the first request at the console (lock, campaign written), and from the
    // last answer to the report on screen.
    // Per chunk, on one clock: panel's send → console's start (outbound), console's end → panel's
    // answer (return), and the panel's own time from an answer to its lane's next send (matched
    // greedily: each send after the first four follows the latest unused answer before it).
    const spans = await panel.evaluate(() => window.__benchSpans);
    const byFirst = new Map(posts.map((r) => [r.selected?.[0], r]));
    const outbound = [], back = [], inPanel = [];
    for (const s of spans.sends) {
      const r = byFirst.get(s.first);
      if (!r) continue;
      outbound.push(Date.parse(r.time) - s.start);
      back.push(s.end - (Date.parse(r.time) + (r.durationMs ?? 0)));
    }
    const answers = spans.sends.map((s) => s.end).sort((a, b) => a - b);
    const startsP = spans.sends.map((s) => s.start).sort((a, b) => a - b);
    startsP.slice(CONCURRENCY).forEach((s, i) => inPanel.push(s - answers[i]));
    // The console's idle slots: for each moment between the first request and the last answer, the
    // slots of the four not holding a request, summed and divided by four (the wall time the run lost
    // to them), split at the moment all four were first busy and at the last request's arrival.
    const slotIdleMs = (() => {
      const ev = [...posts.map((r) => [Date.parse(r.time), 1]), ...posts.map((r) => [Date.parse(r.time) + (r.durationMs ?? 0), -1])].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const lastStart = Math.max(...posts.map((r) => Date.parse(r.time)));
      let open = 0, t = ev[0]?.[0] ?? 0, full = false;
      const out = { start: 0, middle: 0, tail: 0 };
      for (const [at, d] of ev) {
        out[!full ? 'start' : at <= lastStart ? 'middle' : 'tail'] += ((CONCURRENCY - open) * (at - t)) / CONCURRENCY;
        open += d;
        t = at;
        if (open === CONCURRENCY) full = true;
      }
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)]));
    })();
    // Each lane stall over 30 ms, by its side: the chunk that ended it had reached the panel's
    // sendMessage only after the slot was free (`panel`: the hand-over ahead came too late), or it had
    // been handed over before and the console tab started it late (`tab`: its thread, the network).
    const sendOf = new Map(spans.sends.map((x) => [x.first, x]));
    const stalls = [];
    starts.slice(CONCURRENCY).forEach((s, i) => {
      const gap = s - ends[i];
      if (gap <= 30) return;
      const req = posts.find((r) => Date.parse(r.time) === s);
      const handed = sendOf.get(req?.selected?.[0]);
      if (!handed) return;
      const handedAfterFree = Math.round(handed.start - ends[i]);
      stalls.push({ at: Math.round(ends[i] - first), gap, side: handedAfterFree > -10 ? 'panel' : 'tab', handedAfterFree });
    });
    const firstHandOver = Math.min(...spans.sends.map((x) => x.start));
    const edges = {
      clickToFirstRequestMs: Math.round(first - end.clickAt),
      // of which the panel's part (the lock, the record read, the first save) before it hands the first chunk over
      clickToFirstHandOverMs: Math.round(firstHandOver - end.clickAt),
      lastAnswerToReportMs: Math.round(end.endAt - last),
    };

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
      slotIdleMs,
      stalls,
      edges,
      perChunkMs: { outbound: stats(outbound), back: stats(back), inPanel: stats(inPanel) },
      inRun: {
        storageSet: stats(spans.storageSet),
        sendMessage: stats(spans.sendMessage),
        longTasks: spans.longTasks.length,
        longTaskMs: Math.round(spans.longTasks.reduce((a, b) => a + b, 0)),
      },
      cpuMs,
      idleMedianMs: { storageSet: Math.round(diag.storageSetMs * 10) / 10, ping: Math.round(diag.pingMs * 10) / 10, campaignBytes: diag.campaignBytes },
      requests: { massmail: posts.length, other: reqs.length - posts.length, failed, chunkSizes },
      mails: mails.length,
      duplicates,
      report: end.report,
      node: { wallMs: floor.wallMs, requests: floor.requests, duplicates: floor.duplicates, maxInFlight: floor.maxInFlight, ratio: ratio(floor.wallMs, floor.idealMs) },
      // The machine's load beside the ratio: on a shared 2-core box the same run takes longer under load.
      load: { before: loadBefore, after: loadAfter, cpus: os.cpus().length },
      // Never "met" for a run that did not mail every selected account exactly once.
      failedRun: problems.length > 0,
      target: { ratio: 1.2, met: problems.length === 0 && end.ms <= 1.2 * ideal && duplicates === 0 },
      problems,
      ...(keepRaw ? { raw: { posts: posts.map((r) => ({ start: Date.parse(r.time), end: Date.parse(r.time) + (r.durationMs ?? 0), first: r.selected?.[0] })), sends: spans.sends, clickAt: end.clickAt, endAt: end.endAt } } : {}),
    };
  } finally {
    await ext.context.close();
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await run();
  console.log(JSON.stringify(r, null, 2));
  if (r.failedRun) {
    console.error(`mail bench: FAILED RUN, no ratio to report:\n- ${r.problems.join('\n- ')}`);
    process.exitCode = 1;
  }
}
