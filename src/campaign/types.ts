/**
 * The shapes of a mail campaign, shared by campaign.ts (its helpers) and report.ts (its report):
 * here so that neither has to import the other for them.
 */

export type CampaignStatus = 'ready' | 'running' | 'paused' | 'stopped' | 'done';
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['ready', 'running', 'paused', 'stopped', 'done'];

/**
 * Why a run stopped by itself. `session` / `mfa` / `forbidden` come from the console (log in again /
 * validate MFA in the console, then resume); `storage` means the campaign could not be saved before
 * a send, so the runner refused to send what it could not record; `tab-closed`: the console tab the
 * run sends through is gone (its chunks not yet requested are still to send, from another tab).
 */
export type StopReason = 'session' | 'mfa' | 'forbidden' | 'storage' | 'wrong-console' | 'tab-closed';
export const STOP_REASONS: readonly StopReason[] = ['session', 'mfa', 'forbidden', 'storage', 'wrong-console', 'tab-closed'];

export type EntryState = 'pending' | 'inflight' | 'sent' | 'failed' | 'skipped' | 'unknown';
export const ENTRY_STATES: readonly EntryState[] = ['pending', 'inflight', 'sent', 'failed', 'skipped', 'unknown'];

/**
 * Reason codes stored on entries (short, fixed vocabulary: never a server message, which could carry
 * anything). `report.ts` translates them.
 */
export type EntryReason =
  | 'no-email' // skipped at creation: the server would silently skip it anyway (§3)
  | 'server' | 'timeout' | 'network' // failed after maxAttempts (or unknown after a non-retried timeout)
  | 'bad-request' // 400: not retried
  | 'refused' // 401 from the console's resource filter for this id alone: not the caller's (left the school?)
  | 'interrupted' // was in flight when the run died (crash, reload): state unknown
  | 'unreadable'; // its stored record could not be read back: it may or may not have been mailed

export interface Entry {
  state: EntryState;
  reason?: string;
  /** Number of send requests that carried this account, over the whole history (kept by requeue). */
  attempts: number;
  /** Epoch ms of the last change. */
  at?: number;
}

export interface Campaign {
  id: string;
  structureId: string;
  createdAt: number;
  updatedAt: number;
  status: CampaignStatus;
  stopReason?: StopReason;
  /** Keyed by account id. Null-prototype object, so any id string is a safe key. */
  entries: Record<string, Entry>;
  /** Account ids in sending order (the order of the accounts given to createCampaign). */
  order: string[];
}
