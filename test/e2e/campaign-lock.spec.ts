/**
 * One campaign, one truth (issue 18): the panel open twice on the same school (a side panel in one
 * window, a tab in another) never mails anyone twice, never wipes the other's run, and both panels
 * end with the same report; a campaign left by a closed panel is resumed exactly once; two panels
 * marking families « remis » both land in the log. Checked against the mails the fake console recorded.
 */
import { test, expect, type ConsoleApi, type Ext, type FakeUser, type KeptConsoleFixture } from './fixtures';
import { MailDialog, PanelPage } from './pages/panel-page';
import { expected } from './oracle';

// Two console tabs (entcore's real page, kept from test to test) and two or three panels per test.
test.describe.configure({ timeout: 300_000 });

const DEMO = 'a1b2c3d4-0000-4000-8000-000000000001';
const MASSMAIL = `/admin/${DEMO}/imports-exports/massmail`;
const MAIL_PATH = '/directory/class-admin/massmail';
const hasEmail = (u: FakeUser) => !!u.email?.trim();
const sortedIds = (us: FakeUser[]) => us.map((u) => u.id).sort();

/** A's sends wait at the console (the fake's `hold`), all but the first `pass`: a run that lasts while the test looks. */
const LONG_TIMEOUT = { mailTimeoutMs: '120000' };
const holdMail = (api: ConsoleApi, pass: number) => api.knobs({ hold: { path: MAIL_PATH, pass } });
const releaseMail = (api: ConsoleApi) => api.knobs({ hold: null });

type Rec = { method: string; path: string; status: number | null; time: string; selected?: string[] };

async function mailPosts(api: ConsoleApi): Promise<Rec[]> {
  return ((await api.requests()) as unknown as Rec[]).filter((r) => r.method === 'POST' && r.path === MAIL_PATH);
}
/** Every mail the fake console sent through the class-admin route, one entry per mail. */
async function mailed(api: ConsoleApi): Promise<string[]> {
  return (await api.mails()).filter((m) => m.via === 'class-admin').map((m) => m.userId).sort();
}

/** The activated parents of the demo school (all with the same kind of mail): 78 accounts, 65 with an address. */
async function parentsIn(panel: PanelPage, want: FakeUser[]): Promise<void> {
  await panel.profile('Parent').check();
  await panel.select('Activation').selectOption({ label: 'Utilisateurs activés' });
  await expect(panel.selectedCounter).toHaveText(`${want.length} comptes sélectionnés`);
}

interface Two {
  want: FakeUser[];
  withEmail: FakeUser[];
  a: PanelPage;
  b: PanelPage;
  tabA: number;
  tabB: number;
}

/**
 * Two console tabs, each with its panel, both showing the activated parents. The tabs are kept from
 * one test to the next (`keptConsole`): what these tests watch is the panels and the campaign they
 * share; the console tabs only carry the sends, and none is reloaded, navigated or logged out.
 */
async function twoPanels(ext: Ext, api: ConsoleApi, keptConsole: KeptConsoleFixture): Promise<Two> {
  const users = await api.users(DEMO);
  const want = expected(users, { profiles: ['Relative'], activated: true });
  const kept = await keptConsole('adml', MASSMAIL, { tabs: 2 });
  const [tabA, tabB] = [kept.tabId, kept.others[0]!.tabId];
  // Sends held at the console (holdMail) never reach the 30 s per-request timeout, however slow the machine.
  const a = await PanelPage.openWith(ext, tabA, LONG_TIMEOUT);
  const b = await PanelPage.openWith(ext, tabB, LONG_TIMEOUT);
  await a.waitReady();
  await b.waitReady();
  await parentsIn(a, want);
  await parentsIn(b, want);
  return { want, withEmail: want.filter(hasEmail), a, b, tabA, tabB };
}

/**
 * Returns once the console tab's content script has heard that a closed panel's port is gone: a
 * message sent after the close reaches it behind the port's disconnect. Releasing held sends before
 * that let a loaded machine start a chunk the closed panel had only queued (seen once at load 17).
 */
async function panelGoneHeard(ext: Ext, tabId: number): Promise<void> {
  await ext.sw.evaluate((t) => chrome.tabs.sendMessage(t, { type: 'ping' }), tabId);
}

async function freshPanel(ext: Ext, tabId: number): Promise<PanelPage> {
  const p = await PanelPage.openWith(ext, tabId, LONG_TIMEOUT);
  await p.waitReady();
  return p;
}

/** B's dialog while A runs: the notice, a live count, and no way to send, resume or discard. */
async function expectBlockedElsewhere(d: MailDialog, total: number, { live = true } = {}): Promise<void> {
  await expect(d.title).toHaveText('Envoi en cours ailleurs');
  await expect(d.root).toContainText('Un envoi est en cours dans une autre fenêtre');
  for (const name of ['Envoyer', 'Reprendre l’envoi', 'Abandonner cet envoi', 'Renvoyer aux comptes incertains']) await expect(d.button(name)).toHaveCount(0);
  if (!live) return;
  // The progress follows the other window's writes (storage.onChanged), without any click here.
  const first = await readDone(d, total);
  await expect.poll(() => readDone(d, total), { timeout: 30_000 }).toBeGreaterThan(first);
}

async function readDone(d: MailDialog, total: number): Promise<number> {
  const m = ((await d.status.textContent()) ?? '').match(/Envoi des courriels… (\d+) \/ (\d+)/);
  if (m) expect(Number(m[2])).toBe(total);
  return m ? Number(m[1]) : -1;
}

test('two panels on one school: B opens the mail dialog during A’s run, sends nothing, and both end with the same report; nobody mailed twice', async ({ ext, api, keptConsole }) => {
  const { want, withEmail, a, b } = await twoPanels(ext, api, keptConsole);
  // 13 chunks, 4 at a time: the first goes, the others wait at the console until B has looked.
  await holdMail(api, 1);
  const da = await a.openMail();
  await da.button('Envoyer').click();
  await expect(da.title).toHaveText('Envoi des courriels');
  await expect.poll(() => da.done(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);

  // B's panel says so before any click, with A's progress.
  await expect(b.page.locator('.mail-elsewhere')).toHaveText(new RegExp(`^Un envoi est en cours dans une autre fenêtre\\s:\\s\\d+ / ${withEmail.length} courriels traités\\.$`));
  const db = await b.openMail({ any: true });
  await expectBlockedElsewhere(db, withEmail.length, { live: false });
  // The progress follows the other window's writes (storage.onChanged), without any click here.
  const first = await readDone(db, withEmail.length);
  await holdMail(api, 2); // one more chunk goes
  await expect.poll(() => readDone(db, withEmail.length), { timeout: 30_000 }).toBeGreaterThan(first);
  await releaseMail(api);

  await da.waitEnded();
  await db.waitEnded();
  await expect(da.title).toHaveText('Bilan de l’envoi');
  await expect(db.title).toHaveText('Bilan de l’envoi');
  const ra = await da.tally();
  expect(ra).toEqual({ selected: want.length, sent: withEmail.length, skipped: want.length - withEmail.length, failed: 0, unknown: 0, refused: 0, notSent: 0 });
  expect(await db.report.textContent()).toBe(await da.report.textContent());
  await expect(b.page.locator('.mail-elsewhere')).toHaveCount(0);
  // The console's own record: one mail per address, no more.
  expect(await mailed(api)).toEqual(sortedIds(withEmail));
  const carried = (await mailPosts(api)).flatMap((r) => r.selected ?? []);
  expect(carried.sort()).toEqual(sortedIds(withEmail));
});

test('B cannot discard A’s run: « Abandonner » offered before A resumed is refused, A’s record stays whole', async ({ ext, api, keptConsole }) => {
  const { want, withEmail, a, b, tabA } = await twoPanels(ext, api, keptConsole);
  // A run stopped half-way (« Arrêter après l’envoi en cours »), so both panels find it to resume.
  await holdMail(api, 1);
  let da = await a.openMail();
  await da.button('Envoyer').click();
  await expect.poll(() => da.done(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  await da.button('Arrêter après l’envoi en cours').click();
  await releaseMail(api); // the chunks in flight end; no new one starts
  await da.waitEnded();
  const firstPart = await mailed(api);
  expect(firstPart.length).toBeLessThan(withEmail.length);
  await da.button('Fermer').click();

  da = await a.openMail();
  const db = await b.openMail();
  const pending = withEmail.length - firstPart.length;
  for (const d of [da, db]) {
    await expect(d.root).toContainText(`Un envoi interrompu a été retrouvé : ${pending} ${pending === 1 ? 'compte reste' : 'comptes restent'} à envoyer.`);
    // The resume concerns that campaign's accounts, and says so.
    await expect(d.root).toContainText(`La reprise concerne les ${want.length} comptes de cet envoi`);
  }
  // A's resumed run waits at the console while B tries to discard it.
  await holdMail(api, 0);
  await da.button('Reprendre l’envoi').click();
  await expect(da.title).toHaveText('Envoi des courriels');
  await db.button('Abandonner cet envoi').click();
  // (The live count is checked in the first test.)
  await expectBlockedElsewhere(db, withEmail.length, { live: false });
  await releaseMail(api);

  await da.waitEnded();
  await db.waitEnded();
  expect(await db.report.textContent()).toBe(await da.report.textContent());
  expect((await da.tally()).sent).toBe(withEmail.length);
  expect(await mailed(api)).toEqual(sortedIds(withEmail));
  // The record is whole and readable: a fresh panel finds a finished campaign, nothing to resume.
  const c = await freshPanel(ext, tabA);
  const dc = await c.openMail();
  await expect(dc.title).toHaveText('Envoyer les identifiants par courriel');
  await expect(dc.root).not.toContainText('interrompu');
});

test('a panel closed mid-run is resumed exactly once: two panels offered the resume, one sends, the other shows its run', async ({ ext, api, keptConsole }) => {
  const { want, withEmail, a, b, tabA } = await twoPanels(ext, api, keptConsole);
  // Four chunks go; the next four are in flight, waiting at the console, when A's page closes.
  await holdMail(api, 4);
  const da = await a.openMail();
  await da.button('Envoyer').click();
  await expect.poll(async () => (await mailPosts(api)).filter((r) => r.status === 200).length, { timeout: 30_000 }).toBe(4);
  await expect.poll(async () => (await mailPosts(api)).filter((r) => r.status === null).length, { timeout: 30_000 }).toBe(4);
  await a.page.close(); // the browser releases A's lock with its page
  await panelGoneHeard(ext, tabA);
  await releaseMail(api);
  await expect.poll(async () => (await mailPosts(api)).filter((r) => r.status === null).length, { timeout: 15_000 }).toBe(0);
  const orphans = (await mailPosts(api)).slice(-4).flatMap((r) => r.selected ?? []);
  const before = await mailed(api);

  // Two panels now find the interrupted campaign; each offers to resume it.
  const c = await freshPanel(ext, tabA);
  await parentsIn(c, want);
  const db = await b.openMail();
  const dc = await c.openMail();
  // Pending: all but the accounts mailed and those A had handed over to the console tab, which may
  // have gone (they are « incertains »); both panels offer the same.
  const offer = /Un envoi interrompu a été retrouvé\s:\s(\d+)\s(?:compte\sreste|comptes\srestent)\sà\senvoyer\./;
  const offered: number[] = [];
  for (const d of [db, dc]) {
    await expect(d.root).toContainText(offer);
    offered.push(Number(offer.exec((await d.root.textContent()) ?? '')![1]));
  }
  expect(offered[0]).toBe(offered[1]);
  // B's run waits at the console while C asks to resume too.
  await holdMail(api, 0);
  await db.button('Reprendre l’envoi').click();
  await expect(db.title).toHaveText('Envoi des courriels');
  await dc.button('Reprendre l’envoi').click();
  await expectBlockedElsewhere(dc, withEmail.length, { live: false });
  await releaseMail(api);
  await db.waitEnded();
  await dc.waitEnded();
  // C never sent: it waited for B's run and shows the same report.
  expect(await dc.report.textContent()).toBe(await db.report.textContent());
  const end = await db.tally();
  expect(end.sent + end.unknown).toBe(withEmail.length);
  // « Incertains », never resent: the chunks at the console when A closed, and those A had handed over
  // behind them (at most one per lane), which the console tab then never requested.
  const final = await mailed(api);
  const neverRequested = withEmail.length - final.length;
  expect(neverRequested).toBeLessThanOrEqual(20);
  expect(end.unknown).toBe(orphans.length + neverRequested);
  expect(offered[0]).toBe(withEmail.length - before.length - neverRequested);
  expect(final.every((id) => withEmail.some((u) => u.id === id))).toBe(true);
  expect(new Set(final).size).toBe(final.length);
  const carried = (await mailPosts(api)).flatMap((r) => r.selected ?? []);
  expect(carried.length, 'no account carried twice by a processed request').toBe(new Set(carried).size);
});

test('two panels mark two families « remis »: each shows the other’s at once, and a fresh panel shows both', async ({ ext, api, keptConsole }) => {
  const { a, b, tabB } = await twoPanels(ext, api, keptConsole);
  const card = (p: PanelPage) => p.page.getByRole('listitem', { name: /^Famille / }).first();
  const find = async (p: PanelPage, name: string) => {
    await p.page.getByLabel('Rechercher un élève ou un parent').fill(name);
    await expect(card(p)).toBeVisible();
  };
  for (const p of [a, b]) await p.page.getByText('Mode réunion').click();
  await find(a, 'valentin coeurd');
  await find(b, 'lukasz');
  await card(a).getByRole('button', { name: 'Marquer comme remis' }).click();
  await card(b).getByRole('button', { name: 'Marquer comme remis' }).click();
  await expect(card(a).getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  await expect(card(b).getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  // Each panel sees the other's hand-over without a reload.
  await find(a, 'lukasz');
  await expect(card(a).getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
  await find(b, 'valentin coeurd');
  await expect(card(b).getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();

  const fresh = await freshPanel(ext, tabB);
  await fresh.page.getByText('Mode réunion').click();
  for (const name of ['valentin coeurd', 'lukasz']) {
    await find(fresh, name);
    await expect(card(fresh).getByRole('button', { name: 'Annuler « remis »' })).toBeVisible();
    await expect(card(fresh).getByRole('button', { name: 'Marquer comme remis' })).toHaveCount(0);
  }
});
