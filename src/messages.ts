/**
 * Every message between the parts, typed and checked on receipt.
 * Direction is in the name: content→background, panel→content, popup→background, content→panel.
 * Accounts (with activation codes) only travel panel⇄content, in memory; the background never sees them.
 */
import type { Account, ClassRef, Structure } from './model/account';
import type { PackedAccounts } from './model/packed';
import type { ConsoleError, ConsoleRequestWhat, MandatoryCheck } from './console/errors';
import type { PageInfo } from './console/endpoints';
import type { SendFailureKind } from './campaign/runner';
import type { PlatformRules } from './console/auth-context';
import type { ProfileMetrics } from './console/parse';
import type { RosterOptions, SheetOptions } from './pdf';
import type { SummaryOptions } from './pdf/summary';
import type { SummaryTable } from './model/follow-up-summary';
import type { PreviewReport } from './pdf/preview';

// content → background
export type PageDetected = { type: 'page-detected'; page: PageInfo | null };
export type AccountsRead = { type: 'accounts-read'; structureId: string; structureName?: string; count: number; source: 'json' | 'table' };
/**
 * Reading the accounts failed: which console request (its requestLabel) and how. The popup says so
 * instead of a count; never a count of 0 for a read that did not happen.
 */
export type ReadFailed = { type: 'read-failed'; request: string; kind: string; status?: number };
/**
 * The console page's « Publipostage avancé » button was clicked: open the panel beside this tab.
 * Sent from the click handler so Chrome (≥ 116) carries the user gesture to `sidePanel.open`.
 */
export type OpenPanel = { type: 'open-panel' };
/**
 * Where the panel opened: Chrome's side panel, Firefox's sidebar, a tab beside the console (fallback),
 * or the panel tab this console tab already had, brought to the front (`focused`). `none` with
 * `no-gesture`: the browser saw no user action, so no tab was opened in the side panel's place.
 */
export type OpenPanelReply = { opened: 'side-panel' | 'sidebar' | 'tab' | 'focused' } | { opened: 'none'; reason: string };
/**
 * The console refused a read, redirected it to a check, or the session is gone: kept in the tab's
 * record so the toolbar popup says it too. `link`: the check's page on the console's own origin.
 */
export type ReadProblem = {
  type: 'read-problem';
  problem: { kind: 'session' | 'refused' | 'check'; check?: MandatoryCheck; link?: string; what?: ConsoleRequestWhat; className?: string };
};
export type ContentToBackground = PageDetected | AccountsRead | ReadFailed | OpenPanel | ReadProblem;

// popup/panel → background
export type GetTabState = { type: 'get-tab-state'; tabId: number };
export type ToBackground = ContentToBackground | GetTabState;
export interface TabState {
  page: PageInfo | null;
  read: { structureId: string; structureName?: string | undefined; count: number; source: 'json' | 'table' } | null;
  /** The last read failed (then `read` is null). Absent in records written before this field existed. */
  failed?: { request: string; kind: string; status?: number | undefined } | null;
  /** The last read's refusal, check or lost session (cleared by a good read). */
  problem?: ReadProblem['problem'] | null;
}

// panel → content
export type Ping = { type: 'ping' };
export type LoadAccounts = { type: 'load'; structureId: string | null };
/**
 * Teacher page, no class yet: the classes of one of the teacher's schools (`GET /userbook/structure/:id`),
 * then joining some (`PUT /directory/class/add-self`), as the real page's class chooser does. After a
 * join, the content script reloads its page, as that chooser does too.
 */
export type SchoolClasses = { type: 'school-classes'; structureId: string };
export type JoinClasses = { type: 'join-classes'; classIds: string[] };
/**
 * `origin` and `structureId`: where the accounts were read. The content script refuses to send when
 * its tab is no longer on that origin (the tab moved to another ENT during a campaign).
 */
export type SendMail = {
  type: 'send-mail'; origin: string; structureId: string; ids: string[]; timeoutMs?: number;
  /**
   * A run that hands chunks over ahead (runner `depth` 2): the content script keeps at most `slots`
   * of this run's requests at the console and queues the others (src/campaign/send-queue.ts).
   */
  run?: string; slots?: number;
};
/** The run stopped or was cancelled: the content script gives back (`not-sent`) the run's queued chunks. */
export type GiveBackQueued = { type: 'give-back-queued'; run: string };
/** Port name of a run's panel, held open while it runs: when it closes, the run's queued chunks are given back. */
export const MAIL_RUN_PORT = 'mail-run:';
/** The ENT's own rules printed on the sheets (GET /auth/context, read with the console session). */
export type ReadPlatformRules = { type: 'read-platform-rules' };
export type PanelToContent = Ping | LoadAccounts | SendMail | GiveBackQueued | ReadPlatformRules | SchoolClasses | JoinClasses;

/** `instance`: drawn when the content script starts, so the panel can tell a reloaded page from the old one. */
export type PingReply = { page: PageInfo | null; instance?: string };
export type SchoolClassesReply = { ok: true; classes: ClassRef[] } | { ok: false; error: ConsoleError };
export type JoinClassesReply = { ok: true } | { ok: false; error: ConsoleError };
export type LoadReply =
  | {
      ok: true;
      source: 'json' | 'table';
      structureId: string;
      structures: Structure[];
      classes: ClassRef[];
      accounts: Account[];
      /** Teacher page, no class of their own yet: `structures` are the teacher's schools, to choose a class in; no accounts. */
      chooseClass?: boolean;
      /** Teacher page: the class the page itself shows (its class selector), one of `classes`. */
      pageClassId?: string;
      /** Teacher page: parents linked to the students but in no class list (old imports), so not readable. */
      unlistedRelatives?: number;
      /** Console page: the structure's own activation counts (`/directory/structure/:id/metrics`), when readable. */
      metrics?: ProfileMetrics[];
    }
  | { ok: false; error: ConsoleError };
/** LoadReply as the content script sends it: the accounts packed (src/model/packed.ts), unpacked by the panel. */
export type LoadWireReply = (Omit<Extract<LoadReply, { ok: true }>, 'accounts'> & { accounts: PackedAccounts }) | Extract<LoadReply, { ok: false }>;
/** Same shape as the campaign runner's SendResult (src/campaign/runner.ts). */
export type SendMailReply =
  | { ok: true }
  | { ok: false; kind: SendFailureKind; status?: number; message?: string };

/** Never an error the panel must act on: unavailable rules mean the sheets' neutral sentence. */
export type PlatformRulesReply = { ok: true; rules: PlatformRules } | { ok: false; error: ConsoleError };

// content → panel (broadcast through runtime messaging; the panel keeps those of its own tab)
/**
 * `table`: the extension's own read failed and the content script now waits for the console's table
 * (up to `waitS` seconds): the panel says so rather than a bare « Lecture des comptes… ».
 */
export type LoadProgress = { type: 'load-progress'; receivedBytes: number; totalBytes: number | null; table?: { waitS: number } };
/** The teacher switched class in the page's own selector: the panel follows (a class id, nothing else). */
export type PageClass = { type: 'page-class'; classId: string };

const TYPES = new Set(['read-problem', 'page-detected', 'accounts-read', 'read-failed', 'open-panel', 'get-tab-state', 'ping', 'load', 'send-mail', 'give-back-queued', 'load-progress', 'read-platform-rules', 'school-classes', 'join-classes', 'page-class']);

/** Cheap structural check on receipt: a message of an unknown shape is dropped, never acted upon. */
export function isMessage<T extends { type: string }>(m: unknown, type: T['type']): m is T {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t !== type || typeof t !== 'string' || !TYPES.has(t)) return false;
  const o = m as Record<string, unknown>;
  switch (t) {
    case 'get-tab-state':
      return Number.isInteger(o.tabId);
    case 'load':
      return o.structureId === null || typeof o.structureId === 'string';
    case 'school-classes':
      return typeof o.structureId === 'string';
    case 'join-classes':
      return Array.isArray(o.classIds) && o.classIds.length > 0 && o.classIds.every((i) => typeof i === 'string');
    case 'send-mail':
      return typeof o.origin === 'string' && typeof o.structureId === 'string' && Array.isArray(o.ids) && o.ids.every((i) => typeof i === 'string')
        && (o.run === undefined || (typeof o.run === 'string' && o.run.length <= 64 && Number.isInteger(o.slots) && (o.slots as number) >= 1 && (o.slots as number) <= 8));
    case 'give-back-queued':
      return typeof o.run === 'string';
    case 'accounts-read':
      return typeof o.structureId === 'string' && typeof o.count === 'number';
    case 'page-class':
      return typeof o.classId === 'string';
    case 'read-failed':
      return typeof o.request === 'string' && o.request.length <= 300 && typeof o.kind === 'string' && o.kind.length <= 40
        && (o.status === undefined || Number.isInteger(o.status));
    case 'load-progress':
      return typeof o.receivedBytes === 'number';
    case 'read-problem': {
      const p = o.problem as Record<string, unknown> | null;
      return typeof p === 'object' && p !== null && ['session', 'refused', 'check'].includes(p.kind as string)
        && (p.check === undefined || ['terms', 'mail', 'sms', 'mfa', 'unknown'].includes(p.check as string))
        && (p.link === undefined || typeof p.link === 'string') && (p.what === undefined || typeof p.what === 'string')
        && (p.className === undefined || typeof p.className === 'string');
    }
    default:
      return true;
  }
}

// panel → PDF worker (popup/panel/pdf-worker.ts), and back. Accounts travel in memory, panel ⇄ its own worker.
export type PdfSheetsJob = { type: 'pdf-sheets'; accounts: Account[]; options: Omit<SheetOptions, 'font' | 'onProgress' | 'date'>; date: number };
export type PdfRosterJob = { type: 'pdf-roster'; accounts: Account[]; options: Omit<RosterOptions, 'font' | 'date'>; date: number };
export type PdfSummaryJob = { type: 'pdf-summary'; table: SummaryTable; options: Omit<SummaryOptions, 'font' | 'date'>; date: number };
/** Loads the fonts ahead of the first job (the panel opens: the worker is ready before the click). */
/** Loads the fonts; `measuring`: the preview's worker also makes its measuring document (fit.ts measuringDoc). */
export type PdfWarm = { type: 'pdf-warm'; measuring?: boolean };
export type ToPdfWorker = PdfSheetsJob | PdfRosterJob | PdfSummaryJob | PdfWarm;
/** The print preview (popup/panel/PrintPreview.tsx): page count, what does not fit, one card as SVG data. */
export type PdfPreviewJob = {
  type: 'pdf-preview';
  /**
   * The selection: a number is the position of an account in the roster sent before (PdfPreviewRoster
   * `roster`), so a selection change copies a list of numbers, not 5,000 accounts; an account sent
   * whole is one the panel changed (a parent seen in the chosen classes only).
   */
  accounts: Array<Account | number>;
  roster: number;
  options: Omit<SheetOptions, 'font' | 'onProgress' | 'date'>; date: number; seq: number; uiLang: 'fr' | 'en';
};
/** The school's accounts, sent once per roster to the preview's worker, in slices (`from`: the first one's position). */
export type PdfPreviewRoster = { type: 'pdf-preview-roster'; roster: number; from: number; accounts: Account[] };
/** While the panel renders a PDF, the preview's fit check waits (both would share the same 2 cores). */
export type PdfPreviewPause = { type: 'pdf-preview-pause'; paused: boolean };
/** The preview's current job is no longer wanted (nothing selected, or the preview out of view): its fit check stops. */
export type PdfPreviewCancel = { type: 'pdf-preview-cancel' };
export type FromPdfWorker =
  | { type: 'preview'; seq: number; report: PreviewReport }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; bytes: Uint8Array; pages: number; /** the render's own time in the worker (the bench tells it from the messaging) */ renderMs?: number }
  /** `seq`: the preview job it ended (an older, superseded one's error is not the current preview's). */
  | { type: 'error'; message: string; seq?: number };
