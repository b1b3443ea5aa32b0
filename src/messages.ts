/**
 * Every message between the parts, typed and checked on receipt.
 * Direction is in the name: content→background, panel→content, popup→background, content→panel.
 * Accounts (with activation codes) only travel panel⇄content, in memory; the background never sees them.
 */
import type { Account, ClassRef, Structure } from './model/account';
import type { ConsoleError, ConsoleRequestWhat, MandatoryCheck } from './console/errors';
import type { PageInfo } from './console/endpoints';
import type { SendFailureKind } from './campaign/runner';
import type { PlatformRules } from './console/auth-context';
import type { RosterOptions, SheetOptions } from './pdf';
import type { SummaryOptions } from './pdf/summary';
import type { SummaryTable } from './model/follow-up-summary';

// content → background
export type PageDetected = { type: 'page-detected'; page: PageInfo | null };
export type AccountsRead = { type: 'accounts-read'; structureId: string; structureName?: string; count: number; source: 'json' | 'table' };
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
export type ContentToBackground = PageDetected | AccountsRead | OpenPanel | ReadProblem;

// popup/panel → background
export type GetTabState = { type: 'get-tab-state'; tabId: number };
export type ToBackground = ContentToBackground | GetTabState;
export interface TabState {
  page: PageInfo | null;
  read: { structureId: string; structureName?: string | undefined; count: number; source: 'json' | 'table' } | null;
  /** The last read's refusal, check or lost session (cleared by a good read). */
  problem?: ReadProblem['problem'] | null;
}

// panel → content
export type Ping = { type: 'ping' };
/** `classIds`: on the teacher page, the classes picked in the class chooser (a teacher with no class of their own). */
export type LoadAccounts = { type: 'load'; structureId: string | null; classIds?: string[] };
/**
 * `origin` and `structureId`: where the accounts were read. The content script refuses to send when
 * its tab is no longer on that origin (the tab moved to another ENT during a campaign).
 */
export type SendMail = { type: 'send-mail'; origin: string; structureId: string; ids: string[]; timeoutMs?: number };
/** The ENT's own rules printed on the sheets (GET /auth/context, read with the console session). */
export type ReadPlatformRules = { type: 'read-platform-rules' };
export type PanelToContent = Ping | LoadAccounts | SendMail | ReadPlatformRules;

export type PingReply = { page: PageInfo | null };
export type LoadReply =
  | {
      ok: true;
      source: 'json' | 'table';
      structureId: string;
      structures: Structure[];
      classes: ClassRef[];
      accounts: Account[];
      /** Teacher page, no class of their own: `classes` are the school's, to choose from; no accounts yet. */
      chooseClass?: boolean;
      /** Teacher page: parents linked to the students but in no class list (old imports), so not readable. */
      unlistedRelatives?: number;
    }
  | { ok: false; error: ConsoleError };
/** Same shape as the campaign runner's SendResult (src/campaign/runner.ts). */
export type SendMailReply =
  | { ok: true }
  | { ok: false; kind: SendFailureKind; status?: number; message?: string };

/** Never an error the panel must act on: unavailable rules mean the sheets' neutral sentence. */
export type PlatformRulesReply = { ok: true; rules: PlatformRules } | { ok: false; error: ConsoleError };

// content → panel (broadcast through runtime messaging; the panel keeps those of its own tab)
export type LoadProgress = { type: 'load-progress'; receivedBytes: number; totalBytes: number | null };

const TYPES = new Set(['read-problem', 'page-detected', 'accounts-read', 'open-panel', 'get-tab-state', 'ping', 'load', 'send-mail', 'load-progress', 'read-platform-rules']);

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
      return (o.structureId === null || typeof o.structureId === 'string')
        && (o.classIds === undefined || (Array.isArray(o.classIds) && o.classIds.every((i) => typeof i === 'string')));
    case 'send-mail':
      return typeof o.origin === 'string' && typeof o.structureId === 'string' && Array.isArray(o.ids) && o.ids.every((i) => typeof i === 'string');
    case 'accounts-read':
      return typeof o.structureId === 'string' && typeof o.count === 'number';
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
export type PdfWarm = { type: 'pdf-warm' };
export type ToPdfWorker = PdfSheetsJob | PdfRosterJob | PdfSummaryJob | PdfWarm;
export type FromPdfWorker =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; bytes: Uint8Array; pages: number }
  | { type: 'error'; message: string };
