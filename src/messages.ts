/**
 * Every message between the parts, typed and checked on receipt.
 * Direction is in the name: content→background, panel→content, popup→background, content→panel.
 * Accounts (with activation codes) only travel panel⇄content, in memory; the background never sees them.
 */
import type { Account, ClassRef, Structure } from './model/account';
import type { ConsoleError } from './console/errors';
import type { PageInfo } from './console/endpoints';
import type { SendFailureKind } from './campaign/runner';
import type { PlatformRules } from './console/auth-context';
import type { ProfileMetrics } from './console/parse';
import type { RosterOptions, SheetOptions } from './pdf';
import type { SummaryOptions } from './pdf/summary';
import type { SummaryTable } from './model/follow-up-summary';

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
/** Where the panel opened: Chrome's side panel, Firefox's sidebar, or a tab beside the console (fallback). */
export type OpenPanelReply = { opened: 'side-panel' | 'sidebar' | 'tab' } | { opened: 'none'; reason: string };
export type ContentToBackground = PageDetected | AccountsRead | ReadFailed | OpenPanel;

// popup/panel → background
export type GetTabState = { type: 'get-tab-state'; tabId: number };
export type ToBackground = ContentToBackground | GetTabState;
export interface TabState {
  page: PageInfo | null;
  read: { structureId: string; structureName?: string | undefined; count: number; source: 'json' | 'table' } | null;
  /** The last read failed (then `read` is null). Absent in records written before this field existed. */
  failed?: { request: string; kind: string; status?: number | undefined } | null;
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
      /** Console page: the structure's own activation counts (`/directory/structure/:id/metrics`), when readable. */
      metrics?: ProfileMetrics[];
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

const TYPES = new Set(['page-detected', 'accounts-read', 'read-failed', 'open-panel', 'get-tab-state', 'ping', 'load', 'send-mail', 'load-progress', 'read-platform-rules']);

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
    case 'read-failed':
      return typeof o.request === 'string' && o.request.length <= 300 && typeof o.kind === 'string' && o.kind.length <= 40
        && (o.status === undefined || Number.isInteger(o.status));
    case 'load-progress':
      return typeof o.receivedBytes === 'number';
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
