/**
 * Content script: runs on the console's admin pages, speaks only on the massmail page and the
 * teacher's class page, and answers the panel. Small on purpose: no jsPDF, no preact.
 */
import { detectPage, type PageInfo, routes } from '../src/console/endpoints';
import { ConsoleFormatError, requestLabel, type ConsoleError } from '../src/console/errors';
import { markBlockedProfiles, parseAllUsers, parseBlockedProfiles, parseClassList, parseMetrics, parseStructureList, type ProfileMetrics } from '../src/console/parse';
import { accountsFromTable } from '../src/console/table';
import { parseTeacherSchools, parseUserInfo, teacherRoster, type TeacherSchool } from '../src/console/class-admin';
import type { Account, ClassRef, Profile, Structure } from '../src/model/account';
import { deriveParentClasses, linksFromClassLists, manyParentsWithoutClass } from '../src/model/parent-classes';
import { isMessage, type LoadAccounts, type LoadReply, type ReadFailed, type PlatformRulesReply, type SendMail, type SendMailReply } from '../src/messages';
import { keysToResolve, parseAuthContext, platformRules } from '../src/console/auth-context';
import { contextAlive, ext } from '../src/platform/browser-api';
import { getJson, postJson } from './console-client';
import { DOOR_CLASS, consoleButtons, doorAnchor, doorButtonClass, readUserTable, tableRowCount } from './selectors';
import { pickLang, translator } from '../src/i18n/ui';

let page: PageInfo | null = null;

function announce(): void {
  const next = detectPage(location.href);
  if (JSON.stringify(next) === JSON.stringify(page)) return;
  page = next;
  if (!contextAlive()) return;
  ext().runtime.sendMessage({ type: 'page-detected', page }).catch(() => undefined);
}

/**
 * The console draws its table after load and redraws all of it on every filter, search and sort:
 * wait (on mutations, not on a clock) until it holds rows and has stopped changing for a moment.
 * Gives the number of rows then, or 0 when none came before `maxMs` (the console's own read failed
 * too, or the page is still booting on a slow machine).
 */
function waitForTableRows(maxMs = 30_000, quietMs = 500): Promise<number> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const done = (n: number) => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(deadline);
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

  const structuresAnswer = await getJson(routes.structures());
  let structures: Structure[] = [];
  if (structuresAnswer.ok) structures = safe(() => parseStructureList(structuresAnswer.data), []);
  else if (['session', 'mfa'].includes(structuresAnswer.error.kind)) return structuresAnswer;

  const classesAnswer = await getJson(routes.classes(structureId));
  if (!classesAnswer.ok && ['session', 'mfa'].includes(classesAnswer.error.kind)) return classesAnswer;
  const classes: ClassRef[] = classesAnswer.ok ? safe(() => parseClassList(classesAnswer.data), []) : [];

  let lastReport = 0;
  const users = await getJson(routes.allUsers(structureId), (receivedBytes, totalBytes) => {
    if (Date.now() - lastReport < 150) return;
    lastReport = Date.now();
    ext().runtime.sendMessage({ type: 'load-progress', receivedBytes, totalBytes }).catch(() => undefined);
  });

  if (users.ok) {
    try {
      let accounts: readonly Account[] = parseAllUsers(users.data, structureId);
      if (manyParentsWithoutClass(accounts)) accounts = deriveParentClasses(accounts, await classLinks(classes));
      accounts = markBlockedProfiles(accounts, await blockedProfiles());
      // An ADML of another structure gets [] (one-console.md §1.1): say so instead of "empty school".
      if (!accounts.length && structures.length && !structures.some((s) => s.id === structureId))
        return { ok: false, error: { kind: 'forbidden', detail: `structure ${structureId} absente de structure/admin/list` } };
      report(structureId, accounts.length, 'json', structures);
      const metrics = await structureMetrics(structureId);
      return { ok: true, source: 'json', structureId, structures, classes, accounts: [...accounts], ...(metrics ? { metrics } : {}) };
    } catch (e) {
      if (!(e instanceof ConsoleFormatError)) throw e;
      return tableFallback(structureId, structures, classes, { kind: 'format', detail: e.message, request: routes.allUsers(structureId) });
    }
  }
  if (users.error.kind === 'not-found' || users.error.kind === 'format') {
    return tableFallback(structureId, structures, classes, users.error);
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

/** The teacher's page: every member of their classes, parents included (one-console.md §5, §9). */
async function loadTeacher(msg: LoadAccounts): Promise<LoadReply> {
  const me = await getJson(routes.userInfo());
  if (!me.ok) return me;
  let schools: TeacherSchool[];
  let info: { userId: string; structures: string[] };
  try {
    info = parseUserInfo(me.data);
    const answer = await getJson(routes.teacherSchools(info.userId));
    if (!answer.ok) return answer;
    schools = parseTeacherSchools(answer.data);
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
  }
  let school = schools.find((s) => s.id === msg.structureId) ?? schools[0];
  if (!school || msg.classIds?.length) {
    // No class of their own (or classes picked in the chooser): the school's classes, as the real
    // page's class chooser offers them. Refused there means no right to administer any class.
    const structureId = school?.id ?? msg.structureId ?? info.structures[0];
    if (!structureId) return { ok: false, error: { kind: 'forbidden', detail: 'aucune classe à administrer' } };
    const list = await getJson(routes.classes(structureId));
    if (!list.ok) return list.error.kind === 'session' && list.error.status === 401
      ? { ok: false, error: { kind: 'forbidden', detail: 'class/admin/list refusé : aucune classe à administrer' } }
      : list;
    let all: ClassRef[];
    try {
      all = parseClassList(list.data);
    } catch (e) {
      return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
    }
    const picked = all.filter((c) => msg.classIds?.includes(c.id));
    const structures = info.structures.map((id) => ({ id, name: schools.find((s) => s.id === id)?.name ?? id }));
    if (!picked.length) return { ok: true, source: 'json', structureId, structures, classes: all, accounts: [], chooseClass: true };
    school = { id: structureId, name: schools.find((s) => s.id === structureId)?.name ?? '', classes: picked };
  }
  const perClass: Array<{ cls: ClassRef; users: unknown }> = [];
  for (const cls of school.classes) {
    const r = await getJson(routes.classUsers(cls.id));
    if (!r.ok) return r;
    perClass.push({ cls, users: r.data });
  }
  try {
    const { accounts, unlistedRelatives } = teacherRoster(perClass);
    report(school.id, accounts.length, 'json', schools);
    return {
      ok: true, source: 'json', structureId: school.id,
      structures: schools.length ? schools.map(({ id, name }) => ({ id, name })) : [{ id: school.id, name: school.name }],
      classes: school.classes, accounts, ...(unlistedRelatives ? { unlistedRelatives } : {}),
    };
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: (e as Error).message } };
  }
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

async function tableFallback(structureId: string, structures: Structure[], classes: ClassRef[], failed: ConsoleError): Promise<LoadReply> {
  const why = failed.detail;
  if (page?.kind !== 'massmail') return { ok: false, error: failed };
  // An empty table after a failed read is not an empty school: the real console draws its table from
  // the same allUsers answer, so when that answer is cut short or refused, its table is empty too.
  if (!(await waitForTableRows())) return { ok: false, error: { ...failed, kind: 'read-failed' } };
  try {
    const accounts = [...markBlockedProfiles(accountsFromTable(readUserTable(document), classes), await blockedProfiles())];
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

function report(structureId: string, count: number, source: 'json' | 'table', structures: Structure[] = []): void {
  const structureName = structures.find((s) => s.id === structureId)?.name;
  ext().runtime.sendMessage({ type: 'accounts-read', structureId, structureName, count, source }).catch(() => undefined);
}

async function sendMail(msg: SendMail): Promise<SendMailReply> {
  // The accounts were read on `msg.origin`: never send their ids to another console.
  if (msg.origin !== location.origin)
    return { ok: false, kind: 'wrong-console', message: `accounts read on ${msg.origin}, tab now on ${location.origin}` };
  const timeoutMs = Number.isInteger(msg.timeoutMs) && msg.timeoutMs! >= 1_000 && msg.timeoutMs! <= 120_000 ? msg.timeoutMs : undefined;
  const r = await postJson(routes.classAdminMassmail(), { ids: msg.ids, type: 'mail', structureId: msg.structureId, theme: '' }, timeoutMs);
  if (r.ok) return { ok: true };
  const kind = r.error.kind;
  // entcore's resource filter answers 401 (an HTML page) when an id is not the caller's, when an id
  // repeats, or without the class-admin right; an expired session is a redirect to /auth/login. A 401
  // is a refusal unless the session itself is gone: ask the console who we are (one-console.md §9).
  if (kind === 'session' && r.error.status === 401) {
    const me = await getJson(routes.userInfo());
    if (me.ok) return { ok: false, kind: 'refused', status: 401, message: r.error.detail };
  }
  const mapped = kind === 'not-found' || kind === 'format' || kind === 'read-failed' ? 'bad-request' : kind;
  return { ok: false, kind: mapped, ...(r.error.status ? { status: r.error.status } : {}), message: r.error.detail };
}

/**
 * « Publipostage avancé »: on the massmail tab, a third button in the console's own row, beside
 * « Générer en PDF » and « Envoyer par mail », with their class (so their height and look) and our
 * label and title. The console redraws its page at will (and re-creates the whole tab when the
 * director leaves and comes back), so this is checked on every mutation and tick; when the DOM is not
 * the one we know (doorAnchor gives null) nothing is added and nothing is said.
 */
function ensureDoor(): void {
  const kind = page?.kind;
  if (kind !== 'massmail' && kind !== 'class-admin') return;
  const anchor = doorAnchor(document, kind);
  if (!anchor || anchor.querySelector(`.${DOOR_CLASS}`)) return;
  // In the console's language (the words around it), not the browser's.
  const t = translator(pickLang(document.documentElement.lang || navigator.language));
  const button = document.createElement('button');
  button.type = 'button';
  button.className = [doorButtonClass(kind), DOOR_CLASS].filter(Boolean).join(' ');
  button.textContent = t('doorLabel');
  button.title = t('doorTitle');
  button.addEventListener('click', () => {
    // Sent straight from the click handler: Chrome hands the gesture on to sidePanel.open.
    if (contextAlive()) ext().runtime.sendMessage({ type: 'open-panel' }).catch(() => undefined);
  });
  if (kind === 'massmail') {
    // Right after the console's last button, before its confirmation box: a sibling of the two.
    consoleButtons(anchor).pop()!.after(button);
    return;
  }
  // Inline and modest on the teacher's page: a link-like button that borrows the page's font.
  button.style.cssText =
    'margin-left:12px;padding:4px 8px;border:1px solid currentColor;border-radius:4px;background:transparent;' +
    'color:#1f5fbf;font:inherit;font-size:.9em;cursor:pointer;vertical-align:middle';
  anchor.appendChild(button);
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
      sendResponse({ page });
      return false;
    }
    if (!page) return false;
    let work: Promise<unknown> | null = null;
    if (isMessage<LoadAccounts>(msg, 'load')) work = load(msg);
    else if (isMessage<SendMail>(msg, 'send-mail')) work = sendMail(msg);
    else if (isMessage(msg, 'read-platform-rules')) work = readPlatformRules();
    if (!work) return false;
    work.then(sendResponse, (e: Error) => sendResponse({ ok: false, error: { kind: 'format', detail: e.message } }));
    return true;
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
}

if (contextAlive()) start();
