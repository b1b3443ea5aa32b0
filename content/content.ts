/**
 * Content script: runs on the console's admin pages, speaks only on the massmail page and the
 * teacher's class page, and answers the panel. Small on purpose: no jsPDF, no preact.
 */
import { detectPage, type PageInfo, routes } from '../src/console/endpoints';
import { ConsoleFormatError, requestLabel, type ConsoleError, type ConsoleRequestWhat } from '../src/console/errors';
import { markBlockedProfiles, parseAllUsers, parseBlockedProfiles, parseClassList, parseMetrics, parseStructureList, type ProfileMetrics } from '../src/console/parse';
import { accountsFromTable } from '../src/console/table';
import { parseSchoolClasses, parseTeacherSchools, parseUserInfo, teacherRoster, type TeacherSchool } from '../src/console/class-admin';
import type { Account, ClassRef, Profile, Structure } from '../src/model/account';
import { deriveParentClasses, linksFromClassLists, manyParentsWithoutClass } from '../src/model/parent-classes';
import {
  isMessage, type JoinClasses, type OpenPanelReply, type ReadProblem, type JoinClassesReply, type LoadAccounts, type LoadReply, type PlatformRulesReply, type ReadFailed,
  type SchoolClasses, type SchoolClassesReply, type SendMail, type SendMailReply, type LoadWireReply, type GiveBackQueued, MAIL_RUN_PORT,
} from '../src/messages';
import { packAccounts } from '../src/model/packed';
import { keysToResolve, parseAuthContext, platformRules } from '../src/console/auth-context';
import { contextAlive, ext } from '../src/platform/browser-api';
import { getJson, postJson, type Answer } from './console-client';
import { SendQueue } from '../src/campaign/send-queue';
import { DOOR_CLASS, consoleButtons, doorAnchor, doorButtonClass, isClassSelect, readUserTable, shownClassId, tableRowCount } from './selectors';
import { pickLang, translator } from '../src/i18n/ui';

let page: PageInfo | null = null;
/** Drawn at start: a reloaded page answers the panel's ping with another one. */
const instance = Math.random().toString(36).slice(2);

/**
 * The answers of the structure and class lists that stop a load: a lost session, a check the ENT
 * wants. Refused, those lists only name things and the panel does without them.
 */
const STOPS: ReadonlySet<string> = new Set(['session', 'mfa', 'check']);

/** Names what the console refused or redirected (the account list, a class list…) on the error. */
function about<T>(r: Answer<T>, what: ConsoleRequestWhat, className?: string): Answer<T> {
  if (r.ok || (r.error.kind !== 'refused' && r.error.kind !== 'check')) return r;
  return { ok: false, error: { ...r.error, what, ...(className ? { className } : {}) } };
}

/**
 * A check redirects whichever request comes first (the structure list, often): the director reads
 * what was being done, the account list of the page. Then the popup is told too.
 */
function checkOnRead(r: LoadReply): LoadReply {
  if (r.ok) return r;
  const error = r.error.kind === 'check' ? { ...r.error, what: page?.kind === 'class-admin' ? 'teacher-classes' as const : 'accounts' as const } : r.error;
  reportProblem(error);
  return { ok: false, error };
}

/**
 * Tells the background (for the toolbar popup) that the console refused, redirected to a check or
 * lost the session; a good read clears it (accounts-read).
 */
function reportProblem(e: ConsoleError): void {
  if (!contextAlive() || !['session', 'refused', 'check'].includes(e.kind)) return;
  const problem: ReadProblem['problem'] = { kind: e.kind as ReadProblem['problem']['kind'], ...(e.check ? { check: e.check } : {}), ...(e.link ? { link: e.link } : {}), ...(e.what ? { what: e.what } : {}), ...(e.className ? { className: e.className } : {}) };
  ext().runtime.sendMessage({ type: 'read-problem', problem } satisfies ReadProblem).catch(() => undefined);
}

/** The page the background last took (its JSON): a message lost on the way is sent again at the next tick. */
let announced: string | null = null;

function announce(): void {
  const next = detectPage(location.href);
  const key = JSON.stringify(next);
  if (key !== JSON.stringify(page)) page = next;
  if (key === announced || !contextAlive()) return;
  announced = key;
  // A service worker that is restarting can drop it ("Receiving end does not exist"): forget it was
  // sent, so the panel and the popup still learn the page instead of never.
  ext().runtime.sendMessage({ type: 'page-detected', page }).catch(() => {
    if (announced === key) announced = null;
  });
}

/**
 * Whether the console's own `allUsers` request (its HttpClient's XHR, never our fetch) had ended
 * before `t` (the page's clock), as the page's resource timing shows it.
 */
function consoleReadEndedBefore(structureId: string, t: number): boolean {
  const path = routes.allUsers(structureId);
  return performance.getEntriesByType('resource').some((e) => {
    const r = e as PerformanceResourceTiming;
    return r.initiatorType === 'xmlhttprequest' && r.responseEnd > 0 && r.responseEnd < t && new URL(r.name).pathname === path;
  });
}

/**
 * The console draws its table after load and redraws all of it on every filter, search and sort:
 * wait (on mutations, not on a clock) until it holds rows and has stopped changing for a moment.
 * Gives the number of rows then, or 0 when none came before `maxMs` (the console's own read failed
 * too, or the page is still booting on a slow machine).
 */
function waitForTableRows(structureId: string, maxMs = 30_000, quietMs = 500, afterReadMs = 3_000): Promise<number> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    // Once the console's own read has ended, its rows come within moments or never: no 30 s wait
    // for a table that an answer cut short has left empty.
    const ended = setInterval(() => {
      if (tableRowCount(document) === 0 && consoleReadEndedBefore(structureId, performance.now() - afterReadMs)) done(0);
    }, 500);
    const done = (n: number) => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(deadline);
      clearInterval(ended);
      resolve(n);
    };
    const check = () => {
      clearTimeout(quiet);
      const n = tableRowCount(document);
      if (n > 0) quiet = setTimeout(() => done(tableRowCount(document)), quietMs);
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const deadline = setTimeout(() => done(tableRowCount(document)), maxMs);
    check();
  });
}

async function load(msg: LoadAccounts): Promise<LoadReply> {
  const reply = page?.kind === 'class-admin' ? await loadTeacher(msg) : await loadMassmail(msg);
  if (!reply.ok) reportFailure(reply.error);
  return reply;
}

async function loadMassmail(msg: LoadAccounts): Promise<LoadReply> {
  const structureId = msg.structureId ?? page?.structureId ?? null;
  if (!structureId) return { ok: false, error: { kind: 'format', detail: 'identifiant de structure absent de l’adresse' } };

  // The two small lists side by side (each stop is still read in this order), then the account list
  // with the two lists the reply also needs: their round trips no longer follow the big answer.
  const [structuresAnswer, classesAnswer] = await Promise.all([getJson(routes.structures()), getJson(routes.classes(structureId))])
    .then(([s, c]) => [about(s, 'structures'), about(c, 'classes')] as const);
  let structures: Structure[] = [];
  if (structuresAnswer.ok) structures = safe(() => parseStructureList(structuresAnswer.data), []);
  else if (STOPS.has(structuresAnswer.error.kind)) return structuresAnswer;

  if (!classesAnswer.ok && STOPS.has(classesAnswer.error.kind)) return classesAnswer;
  const classes: ClassRef[] = classesAnswer.ok ? safe(() => parseClassList(classesAnswer.data), []) : [];

  let lastReport = 0;
  const usersAnswer = getJson(routes.allUsers(structureId), (receivedBytes, totalBytes) => {
    if (Date.now() - lastReport < 150) return;
    lastReport = Date.now();
    ext().runtime.sendMessage({ type: 'load-progress', receivedBytes, totalBytes }).catch(() => undefined);
  });
  const blocked = blockedProfiles();
  const metricsAnswer = structureMetrics(structureId);
  const users = about(await usersAnswer, 'accounts');
  // For `npm run bench` (test/bench/browser.mjs): the page's thread is shared with the console's own boot.
  performance.mark('pp1:body');

  if (users.ok) {
    try {
      let accounts: readonly Account[] = parseAllUsers(users.data, structureId);
      performance.mark('pp1:parsed');
      if (manyParentsWithoutClass(accounts)) accounts = deriveParentClasses(accounts, await classLinks(classes));
      accounts = markBlockedProfiles(accounts, await blocked);
      // An ADML of another structure gets [] (one-console.md §1.1): say so instead of "empty school".
      if (!accounts.length && structures.length && !structures.some((s) => s.id === structureId))
        return { ok: false, error: { kind: 'forbidden', detail: `structure ${structureId} absente de structure/admin/list` } };
      report(structureId, accounts.length, 'json', structures);
      const metrics = await metricsAnswer;
      performance.mark('pp1:reply');
      return { ok: true, source: 'json', structureId, structures, classes, accounts: [...accounts], ...(metrics ? { metrics } : {}) };
    } catch (e) {
      if (!(e instanceof ConsoleFormatError)) throw e;
      return tableFallback(structureId, structures, classes, { kind: 'format', detail: e.message, request: routes.allUsers(structureId) }, blocked);
    }
  }
  if (users.error.kind === 'not-found' || users.error.kind === 'format') {
    return tableFallback(structureId, structures, classes, users.error, blocked);
  }
  return users;
}

/**
 * Profiles the platform has blocked (`GET /directory/profiles`, admins only): their users can never
 * activate. Unreadable: none marked (the accounts' own `blocked` still counts).
 */
async function blockedProfiles(): Promise<Profile[]> {
  const r = await getJson(routes.profiles());
  return r.ok ? safe(() => parseBlockedProfiles(r.data), []) : [];
}

/** The structure's own activation counts, to cross-check the list's; null when refused or unreadable. */
async function structureMetrics(structureId: string): Promise<ProfileMetrics[] | null> {
  const r = await getJson(routes.metrics(structureId));
  return r.ok ? safe(() => parseMetrics(r.data), null) : null;
}

/**
 * A 401 on a teacher route: a refusal when the session is alive (entcore's resource filters answer 401),
 * an expired session otherwise (one-console.md §10: only userinfo tells).
 */
async function refusedOrSession(r: { ok: false; error: ConsoleError }): Promise<{ ok: false; error: ConsoleError }> {
  if (r.error.kind !== 'session' || r.error.status !== 401) return r;
  const me = await getJson(routes.userInfo());
  return me.ok ? { ok: false, error: { kind: 'forbidden', detail: r.error.detail } } : r;
}

/** The class the page itself shows (its class selector), once AngularJS has drawn it; null without one. */
async function pageClassId(candidates: readonly ClassRef[], waitMs = 8_000): Promise<string | null> {
  const end = Date.now() + waitMs;
  for (;;) {
    const id = shownClassId(document);
    if (id && candidates.some((c) => c.id === id)) return id;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * The teacher's page: every member of their classes (one-console.md §5, §9), read with the routes
 * entcore's own class page uses. A teacher with no class yet gets their schools, to choose a class in
 * as the page's chooser does (one-console.md §10): `class/admin/list` is refused to teachers.
 */
async function loadTeacher(msg: LoadAccounts): Promise<LoadReply> {
  const me = about(await getJson(routes.userInfo()), 'user');
  if (!me.ok) return me;
  let schools: TeacherSchool[];
  let info: ReturnType<typeof parseUserInfo>;
  try {
    info = parseUserInfo(me.data);
    const answer = about(await getJson(routes.teacherSchools(info.userId)), 'teacher-classes');
    if (!answer.ok) return answer;
    schools = parseTeacherSchools(answer.data);
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
  }
  if (!schools.length) {
    if (!info.structures.length) return { ok: false, error: { kind: 'forbidden', detail: 'aucune école dans la session' } };
    return { ok: true, source: 'json', structureId: info.structures[0]!.id, structures: info.structures, classes: [], accounts: [], chooseClass: true };
  }
  // The school asked for, else the one of the class the page shows, else the first.
  const shown = msg.structureId ? null : await pageClassId(schools.flatMap((s) => s.classes));
  const school = schools.find((s) => s.id === msg.structureId) ?? schools.find((s) => s.classes.some((c) => c.id === shown)) ?? schools[0]!;
  const perClass: Array<{ cls: ClassRef; users: unknown }> = [];
  for (const cls of school.classes) {
    const r = about(await getJson(routes.classUsers(cls.id)), 'class-users', cls.name);
    if (!r.ok) return r;
    perClass.push({ cls, users: r.data });
  }
  try {
    const { accounts, unlistedRelatives } = teacherRoster(perClass);
    report(school.id, accounts.length, 'json', schools);
    const pageClass = shown && school.classes.some((c) => c.id === shown) ? shown : await pageClassId(school.classes, 0);
    return {
      ok: true, source: 'json', structureId: school.id,
      structures: schools.map(({ id, name }) => ({ id, name })),
      classes: school.classes, accounts, ...(unlistedRelatives ? { unlistedRelatives } : {}), ...(pageClass ? { pageClassId: pageClass } : {}),
    };
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
  }
}

/** The classes of one of the teacher's schools, as the page's class chooser lists them. */
async function schoolClasses(msg: SchoolClasses): Promise<SchoolClassesReply> {
  const r = await getJson(routes.schoolClasses(msg.structureId));
  if (!r.ok) return refusedOrSession(r);
  try {
    return { ok: true, classes: parseSchoolClasses(r.data) };
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
  }
}

/**
 * Joins the chosen classes (`PUT /directory/class/add-self`), then reloads the page as the page's own
 * chooser does (choose-class.ts): the page then shows the class, and the panel reads it.
 */
async function joinClasses(msg: JoinClasses): Promise<JoinClassesReply> {
  const r = await postJson(routes.addSelfToClasses(), { classIds: msg.classIds }, 30_000, 'PUT');
  if (!r.ok) return refusedOrSession(r);
  setTimeout(() => location.reload(), 100);
  return { ok: true };
}

/**
 * Parent → children links from the class lists (students' `relativeList`): the only place the
 * console links a parent who is in no class to their children. Four lists at a time; a list that
 * fails only leaves its families underived.
 */
async function classLinks(classes: readonly ClassRef[]): Promise<Map<string, string[]>> {
  const lists: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < classes.length) {
      const r = await getJson(routes.classUsers(classes[next++]!.id));
      if (r.ok) lists.push(r.data);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return linksFromClassLists(lists);
}

async function tableFallback(structureId: string, structures: Structure[], classes: ClassRef[], failed: ConsoleError, blocked = blockedProfiles()): Promise<LoadReply> {
  const why = failed.detail;
  if (page?.kind !== 'massmail') return { ok: false, error: failed };
  // An empty table after a failed read is not an empty school: the real console draws its table from
  // the same allUsers answer, so when that answer is cut short or refused, its table is empty too.
  const waitS = 30;
  ext().runtime.sendMessage({ type: 'load-progress', receivedBytes: 0, totalBytes: null, table: { waitS } }).catch(() => undefined);
  if (!(await waitForTableRows(structureId, waitS * 1_000))) return { ok: false, error: { ...failed, kind: 'read-failed' } };
  try {
    const accounts = [...markBlockedProfiles(accountsFromTable(readUserTable(document), classes), await blocked)];
    if (!accounts.length) return { ok: false, error: { ...failed, kind: 'read-failed' } };
    report(structureId, accounts.length, 'table', structures);
    return { ok: true, source: 'table', structureId, structures, classes, accounts };
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: `${why} ; ${(e as Error).message}`, ...(failed.request ? { request: failed.request } : {}) } };
  }
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/** Tells the background (and so the toolbar popup) that the read failed, and which request: no count. */
function reportFailure(error: ConsoleError): void {
  if (!contextAlive()) return;
  const m: ReadFailed = { type: 'read-failed', request: requestLabel(error.request ?? '').slice(0, 300), kind: error.kind, ...(error.status ? { status: error.status } : {}) };
  ext().runtime.sendMessage(m).catch(() => undefined);
}

/** The reply as it crosses to the panel: the accounts packed (a third of the bytes to copy). */
function toWire(r: LoadReply): LoadWireReply {
  return r.ok ? { ...r, accounts: packAccounts(r.accounts) } : r;
}

function report(structureId: string, count: number, source: 'json' | 'table', structures: Structure[] = []): void {
  const structureName = structures.find((s) => s.id === structureId)?.name;
  ext().runtime.sendMessage({ type: 'accounts-read', structureId, structureName, count, source }).catch(() => undefined);
}

const mailTimeoutMs = (msg: SendMail): number | undefined =>
  Number.isInteger(msg.timeoutMs) && msg.timeoutMs! >= 1_000 && msg.timeoutMs! <= 120_000 ? msg.timeoutMs : undefined;

/** Runs whose chunks are handed over ahead (runner `depth` 2): at most `slots` at the console each. */
const mailRuns = new Map<string, SendQueue<SendMailReply>>();
const NOT_SENT: SendMailReply = { ok: false, kind: 'not-sent', message: 'given back before it was requested' };

async function sendMailQueued(msg: SendMail): Promise<SendMailReply> {
  if (msg.run === undefined) return sendMail(msg);
  let q = mailRuns.get(msg.run);
  if (!q) mailRuns.set(msg.run, (q = new SendQueue<SendMailReply>(msg.slots ?? 1, () => NOT_SENT)));
  try {
    // A chunk waits at most one request's time: the panel's own timeout (twice that) never fires
    // while it may still start here, so the panel never retries a chunk this page could still send.
    return await q.run(() => sendMail(msg), mailTimeoutMs(msg) ?? 30_000);
  } finally {
    if (q.idle && mailRuns.get(msg.run) === q) mailRuns.delete(msg.run);
  }
}

/** From `pagehide` on: this page is going (reload, navigation, tab closed). */
let leaving = false;

function giveBackQueued(run?: string): void {
  for (const [k, q] of mailRuns) if (run === undefined || k === run) q.giveBackWaiting();
}

async function sendMail(msg: SendMail): Promise<SendMailReply> {
  // The accounts were read on `msg.origin`: never send their ids to another console.
  if (msg.origin !== location.origin)
    return { ok: false, kind: 'wrong-console', message: `accounts read on ${msg.origin}, tab now on ${location.origin}` };
  const timeoutMs = mailTimeoutMs(msg);
  const r = await postJson(routes.classAdminMassmail(), { ids: msg.ids, type: 'mail', structureId: msg.structureId, theme: '' }, timeoutMs);
  if (r.ok) return { ok: true };
  // The page is going and took its requests with it: this one had reached the console, which may
  // have acted on it. Never « network » (retried: a second mail), always « lost » (incertain).
  if (leaving) return { ok: false, kind: 'lost', message: 'the page went away while the request was at the console' };
  const kind = r.error.kind;
  // entcore's resource filter answers 401 (an HTML page) when an id is not the caller's, when an id
  // repeats, or without the class-admin right; an expired session is a redirect to /auth/login. The
  // console client tells them apart through /auth/oauth2/userinfo (one-console.md §9, §10): a refusal
  // is `refused`. A check the ENT wants first stops the run like MFA did; the mail dialog names it.
  if (kind === 'refused') return { ok: false, kind: 'refused', status: 401, message: r.error.detail };
  if (kind === 'check') {
    reportProblem({ ...r.error, what: 'mail' });
    return { ok: false, kind: 'mfa', message: r.error.detail };
  }
  const mapped = kind === 'not-found' || kind === 'format' || kind === 'read-failed' ? 'bad-request' : kind;
  return { ok: false, kind: mapped, ...(r.error.status ? { status: r.error.status } : {}), message: r.error.detail };
}

function openPanel(e: Event): void {
  // The class page's buttons are `<a href="#">`: the hash would change the page's AngularJS route.
  e.preventDefault();
  // Only a person's click opens a panel: a page script's .click() or dispatchEvent is untrusted,
  // and without this check it could open panels (each reading every code) at will.
  if (!e.isTrusted || !contextAlive()) return;
  const door = e.currentTarget as HTMLElement;
  const t = translator(pickLang(document.documentElement.lang || navigator.language));
  // Sent straight from the click handler: Chrome hands the gesture on to sidePanel.open.
  ext().runtime.sendMessage({ type: 'open-panel' }).then(
    (r: OpenPanelReply | undefined) => doorNote(door, r?.opened === 'none' ? t('doorNoGesture') : ''),
    () => undefined,
  );
}

/**
 * « Publipostage avancé »: on the massmail tab, a third button in the console's own row, beside
 * « Générer en PDF » and « Envoyer par mail », with their class (so their height and look) and our
 * label and title; on the teacher's class page, one more of its big buttons, right after « Créer les
 * fiches de connexion ». The console redraws its page at will (the class page rebuilds its buttons
 * about 270 ms after load; the massmail tab is re-created when the director comes back), so this is
 * checked on every mutation and tick; when the DOM is not the one we know (doorAnchor gives null)
 * nothing is added and nothing is said.
 */
function ensureDoor(): void {
  const kind = page?.kind;
  if (kind !== 'massmail' && kind !== 'class-admin') return;
  const anchor = doorAnchor(document, kind);
  const home = kind === 'massmail' ? anchor : anchor?.parentElement;
  if (!anchor || !home || home.querySelector(`.${DOOR_CLASS}`)) return;
  // In the console's language (the words around it), not the browser's.
  const t = translator(pickLang(document.documentElement.lang || navigator.language));
  if (kind === 'class-admin') {
    // One more of the page's big buttons, built like « Créer les fiches de connexion » beside it.
    const door = document.createElement('a');
    door.href = '#';
    door.setAttribute('role', 'button');
    door.className = `${anchor.className} ${DOOR_CLASS}`.replace(/\bng-\S+/g, '').replace(/\s+/g, ' ').trim();
    door.title = t('doorTitle');
    const label = document.createElement('span');
    label.className = 'no-style';
    label.textContent = t('doorLabel');
    const icon = document.createElement('i');
    icon.className = 'mail-o';
    icon.setAttribute('aria-hidden', 'true');
    door.append(label, icon);
    door.addEventListener('click', openPanel);
    anchor.after(door);
    return;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = [doorButtonClass(kind), DOOR_CLASS].filter(Boolean).join(' ');
  button.textContent = t('doorLabel');
  button.title = t('doorTitle');
  button.addEventListener('click', openPanel);
  // Right after the console's last button, before its confirmation box: a sibling of the two.
  consoleButtons(anchor).pop()!.after(button);
}

/** Says beside the door why nothing opened (the browser saw no user action), instead of nothing. */
function doorNote(button: HTMLElement, text: string): void {
  let note = button.nextElementSibling as HTMLElement | null;
  if (!note?.classList.contains(`${DOOR_CLASS}-note`)) {
    if (!text) return;
    note = document.createElement('span');
    note.className = `${DOOR_CLASS}-note`;
    note.setAttribute('role', 'status');
    note.style.cssText = 'margin-left:8px;font-size:.85em';
    button.insertAdjacentElement('afterend', note);
  }
  note.textContent = text;
}

/**
 * The ENT's rules for the sheets (password rule text, mandatory e-mail), read like entcore's own
 * activation page does; an i18n key instead of text is resolved through `/auth/i18n`.
 */
async function readPlatformRules(): Promise<PlatformRulesReply> {
  const r = await getJson(routes.authContext());
  if (!r.ok) return r;
  try {
    const context = parseAuthContext(r.data);
    const bundles: Partial<Record<'fr' | 'en', unknown>> = {};
    for (const lang of Object.keys(keysToResolve(context)) as ('fr' | 'en')[]) {
      const b = await getJson(routes.authI18n(), undefined, { 'Accept-Language': lang });
      if (b.ok) bundles[lang] = b.data;
    }
    return { ok: true, rules: platformRules(context, bundles) };
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
  }
}

function start(): void {
  ext().runtime.onMessage.addListener((msg: unknown, _sender, sendResponse: (r: unknown) => void) => {
    if (!contextAlive()) return false;
    if (isMessage(msg, 'ping')) {
      sendResponse({ page, instance });
      return false;
    }
    // A run goes on whatever page of the console the director looks at meanwhile (the console is a
    // single-page app: this script stays): its chunks are sent, or given back when its panel asks.
    // `sendMail` checks the origin the accounts were read on.
    if (isMessage<GiveBackQueued>(msg, 'give-back-queued')) {
      giveBackQueued(msg.run);
      sendResponse({ ok: true });
      return false;
    }
    if (isMessage<SendMail>(msg, 'send-mail')) {
      // Something threw around the request: it may have reached the console, so « incertain », never resent.
      sendMailQueued(msg).then(sendResponse, (e: Error) => sendResponse({ ok: false, kind: 'lost', message: e.message }));
      return true;
    }
    if (!page) return false;
    let work: Promise<unknown> | null = null;
    if (isMessage<LoadAccounts>(msg, 'load')) work = load(msg).then(checkOnRead).then(toWire);
    else if (isMessage(msg, 'read-platform-rules')) work = readPlatformRules();
    else if (page.kind === 'class-admin' && isMessage<SchoolClasses>(msg, 'school-classes')) work = schoolClasses(msg);
    else if (page.kind === 'class-admin' && isMessage<JoinClasses>(msg, 'join-classes')) work = joinClasses(msg);
    if (!work) return false;
    work.then(sendResponse, (e: Error) => sendResponse({ ok: false, error: { kind: 'format', detail: e.message } }));
    return true;
  });
  // A run's panel holds this port while it runs: once it is gone (closed, crashed), its queued chunks
  // are not sent (they stay « incertain » in its record, as handed over, and are certainly not mailed).
  ext().runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(MAIL_RUN_PORT)) return;
    const run = port.name.slice(MAIL_RUN_PORT.length);
    port.onDisconnect.addListener(() => giveBackQueued(run));
  });
  // The page is going (reload, navigation, tab closed): what waits is answered « not sent » while the
  // panel can still hear it, so it can send those chunks again once the page is back.
  addEventListener('pagehide', () => {
    leaving = true;
    giveBackQueued();
  });
  addEventListener('pageshow', () => {
    leaving = false;
  });
  // The console is a single-page app: routes change without a reload, and it redraws its page.
  const tick = () => {
    announce();
    ensureDoor();
    watch();
  };
  // Until our button is in place, any change anywhere may be the console drawing its row. Once it is,
  // only the child lists of its ancestors: a removal up that chain (Angular re-rendering the row, the
  // tab re-created, the director leaving it) is seen, while the console's table, redrawn whole on
  // every filter, search and sort (thousands of rows), costs this observer nothing.
  const observer = new MutationObserver(() => contextAlive() && tick());
  let watched: Element | null | undefined;
  function watch(): void {
    const door = document.querySelector(`.${DOOR_CLASS}`);
    if (door === watched) return;
    watched = door;
    observer.disconnect();
    if (!door) return observer.observe(document.body, { childList: true, subtree: true });
    for (let el: Element | null = door.parentElement; el; el = el.parentElement) observer.observe(el, { childList: true });
  }
  tick();
  const timer = setInterval(() => {
    if (contextAlive()) return tick();
    // After an update this script is orphaned: its button would do nothing, the new script adds its own.
    clearInterval(timer);
    observer.disconnect();
    document.querySelectorAll(`.${DOOR_CLASS}`).forEach((b) => b.remove());
  }, 500);
  addEventListener('popstate', announce);
  // The teacher picks another class in the page's selector: tell the panel, which starts on that class.
  document.addEventListener('change', (e) => {
    if (page?.kind !== 'class-admin' || !contextAlive() || !isClassSelect(e.target)) return;
    const classId = shownClassId(document);
    if (classId) ext().runtime.sendMessage({ type: 'page-class', classId }).catch(() => undefined);
  }, true);
}

if (contextAlive()) start();
