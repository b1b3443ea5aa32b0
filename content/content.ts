/**
 * Content script: runs on the console's admin pages, speaks only on the massmail page and the
 * teacher's class page, and answers the panel. Small on purpose: no jsPDF, no preact.
 */
import { detectPage, type PageInfo, routes } from '../src/console/endpoints';
import { ConsoleFormatError, type ConsoleError, type ConsoleRequestWhat } from '../src/console/errors';
import { parseAllUsers, parseClassList, parseStructureList } from '../src/console/parse';
import { accountsFromTable } from '../src/console/table';
import { parseTeacherSchools, parseUserInfo, teacherRoster, type TeacherSchool } from '../src/console/class-admin';
import type { Account, ClassRef, Structure } from '../src/model/account';
import { deriveParentClasses, linksFromClassLists, manyParentsWithoutClass } from '../src/model/parent-classes';
import { isMessage, type LoadAccounts, type LoadReply, type OpenPanelReply, type ReadProblem, type PlatformRulesReply, type SendMail, type SendMailReply } from '../src/messages';
import { keysToResolve, parseAuthContext, platformRules } from '../src/console/auth-context';
import { contextAlive, ext } from '../src/platform/browser-api';
import { getJson, postJson, type Answer } from './console-client';
import { doorAnchor, readUserTable } from './selectors';
import { pickLang, translator } from '../src/i18n/ui';

let page: PageInfo | null = null;

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

function announce(): void {
  const next = detectPage(location.href);
  if (JSON.stringify(next) === JSON.stringify(page)) return;
  page = next;
  if (!contextAlive()) return;
  ext().runtime.sendMessage({ type: 'page-detected', page }).catch(() => undefined);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The table is drawn by the console's script after load: wait until its row count stops changing. */
async function waitForTableRows(maxMs = 10_000): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    const n = document.querySelectorAll('table tbody tr').length;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (n > 0 && Date.now() - stableSince > 400) return;
    await sleep(100);
  }
}

async function load(msg: LoadAccounts): Promise<LoadReply> {
  if (page?.kind === 'class-admin') return loadTeacher(msg);
  const structureId = msg.structureId ?? page?.structureId ?? null;
  if (!structureId) return { ok: false, error: { kind: 'format', detail: 'identifiant de structure absent de l’adresse' } };

  const structuresAnswer = about(await getJson(routes.structures()), 'structures');
  let structures: Structure[] = [];
  if (structuresAnswer.ok) structures = safe(() => parseStructureList(structuresAnswer.data), []);
  else if (STOPS.has(structuresAnswer.error.kind)) return structuresAnswer;

  const classesAnswer = about(await getJson(routes.classes(structureId)), 'classes');
  if (!classesAnswer.ok && STOPS.has(classesAnswer.error.kind)) return classesAnswer;
  const classes: ClassRef[] = classesAnswer.ok ? safe(() => parseClassList(classesAnswer.data), []) : [];

  let lastReport = 0;
  const users = about(await getJson(routes.allUsers(structureId), (receivedBytes, totalBytes) => {
    if (Date.now() - lastReport < 150) return;
    lastReport = Date.now();
    ext().runtime.sendMessage({ type: 'load-progress', receivedBytes, totalBytes }).catch(() => undefined);
  }), 'accounts');

  if (users.ok) {
    try {
      let accounts: readonly Account[] = parseAllUsers(users.data);
      if (manyParentsWithoutClass(accounts)) accounts = deriveParentClasses(accounts, await classLinks(classes));
      // An ADML of another structure gets [] (one-console.md §1.1): say so instead of "empty school".
      if (!accounts.length && structures.length && !structures.some((s) => s.id === structureId))
        return { ok: false, error: { kind: 'forbidden', detail: `structure ${structureId} absente de structure/admin/list` } };
      report(structureId, accounts.length, 'json', structures);
      return { ok: true, source: 'json', structureId, structures, classes, accounts: [...accounts] };
    } catch (e) {
      if (!(e instanceof ConsoleFormatError)) throw e;
      return tableFallback(structureId, structures, classes, e.message);
    }
  }
  if (users.error.kind === 'not-found' || users.error.kind === 'format') {
    return tableFallback(structureId, structures, classes, users.error.detail);
  }
  return users;
}

/** The teacher's page: every member of their classes, parents included (one-console.md §5, §9). */
async function loadTeacher(msg: LoadAccounts): Promise<LoadReply> {
  const me = about(await getJson(routes.userInfo()), 'user');
  if (!me.ok) return me;
  let schools: TeacherSchool[];
  let info: { userId: string; structures: string[] };
  try {
    info = parseUserInfo(me.data);
    const answer = about(await getJson(routes.teacherSchools(info.userId)), 'teacher-classes');
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
    const list = about(await getJson(routes.classes(structureId)), 'classes');
    if (!list.ok) return list.error.kind === 'refused'
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
    const r = about(await getJson(routes.classUsers(cls.id)), 'class-users', cls.name);
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

async function tableFallback(structureId: string, structures: Structure[], classes: ClassRef[], why: string): Promise<LoadReply> {
  if (page?.kind !== 'massmail') return { ok: false, error: { kind: 'format', detail: why } };
  await waitForTableRows();
  try {
    const accounts = accountsFromTable(readUserTable(document), classes);
    report(structureId, accounts.length, 'table', structures);
    return { ok: true, source: 'table', structureId, structures, classes, accounts };
  } catch (e) {
    return { ok: false, error: { kind: 'format', detail: `${why} ; ${(e as Error).message}` } };
  }
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
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
  // repeats, or without the class-admin right; an expired session is a redirect to /auth/login. The
  // console client tells them apart through /auth/oauth2/userinfo (one-console.md §9, §10): a refusal
  // is `refused`. A check the ENT wants first stops the run like MFA did; the mail dialog names it.
  if (kind === 'refused') return { ok: false, kind: 'refused', status: 401, message: r.error.detail };
  if (kind === 'check') {
    reportProblem({ ...r.error, what: 'mail' });
    return { ok: false, kind: 'mfa', message: r.error.detail };
  }
  const mapped = kind === 'not-found' || kind === 'format' ? 'bad-request' : kind;
  return { ok: false, kind: mapped, ...(r.error.status ? { status: r.error.status } : {}), message: r.error.detail };
}

const DOOR_CLASS = 'publipostage-one-door';

/**
 * « Publipostage avancé »: a discreet button beside the console's own publishing buttons that opens
 * the panel. The console redraws its page at will, so this is checked on every tick; when the DOM
 * is not the one we know (doorAnchor gives null) nothing is added and nothing is said.
 */
function ensureDoor(): void {
  const kind = page?.kind;
  if (kind !== 'massmail' && kind !== 'class-admin') return;
  const anchor = doorAnchor(document, kind);
  if (!anchor || anchor.querySelector(`.${DOOR_CLASS}`)) return;
  // In the console's language (the words around it), not the browser's.
  const t = translator(pickLang(document.documentElement.lang || navigator.language));
  const label = t('doorLabel');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = DOOR_CLASS;
  button.textContent = label;
  button.title = t('doorTitle');
  // Inline and modest: a link-like button that borrows the console's font, not a second primary action.
  button.style.cssText =
    'margin-left:12px;padding:4px 8px;border:1px solid currentColor;border-radius:4px;background:transparent;' +
    'color:#1f5fbf;font:inherit;font-size:.9em;cursor:pointer;vertical-align:middle';
  button.addEventListener('click', (event) => {
    // Only a person's click opens a panel: a page script's .click() or dispatchEvent is untrusted,
    // and without this check it could open panels (each reading every code) at will.
    if (!event.isTrusted || !contextAlive()) return;
    // Sent straight from the click handler: Chrome hands the gesture on to sidePanel.open.
    ext().runtime.sendMessage({ type: 'open-panel' }).then(
      (r: OpenPanelReply | undefined) => doorNote(button, r?.opened === 'none' ? t('doorNoGesture') : ''),
      () => undefined,
    );
  });
  anchor.appendChild(button);
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
      sendResponse({ page });
      return false;
    }
    if (!page) return false;
    let work: Promise<unknown> | null = null;
    if (isMessage<LoadAccounts>(msg, 'load')) work = load(msg).then(checkOnRead);
    else if (isMessage<SendMail>(msg, 'send-mail')) work = sendMail(msg);
    else if (isMessage(msg, 'read-platform-rules')) work = readPlatformRules();
    if (!work) return false;
    work.then(sendResponse, (e: Error) => sendResponse({ ok: false, error: { kind: 'format', detail: e.message } }));
    return true;
  });
  announce();
  ensureDoor();
  // The console is a single-page app: routes change without a reload, and it redraws its page.
  const tick = () => {
    announce();
    ensureDoor();
  };
  const timer = setInterval(() => {
    if (contextAlive()) return tick();
    // After an update this script is orphaned: its button would do nothing, the new script adds its own.
    clearInterval(timer);
    observer.disconnect();
    document.querySelectorAll(`.${DOOR_CLASS}`).forEach((b) => b.remove());
  }, 500);
  // Put back at once when the console redraws its buttons (a filter change redraws the bar).
  const observer = new MutationObserver(() => contextAlive() && ensureDoor());
  observer.observe(document.body, { childList: true, subtree: true });
  addEventListener('popstate', announce);
}

if (contextAlive()) start();
