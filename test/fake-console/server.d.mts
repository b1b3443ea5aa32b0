import type { DemoStructure, DemoUser } from './demo-data.mjs';
export { DEMO_STRUCTURE_ID, BIG_STRUCTURE_ID, EMPTY_STRUCTURE_ID, DEMO_CLASS_NAMES, ROLE_LOGINS, DEMO_PASSWORD } from './demo-data.mjs';

export interface Knobs {
  latencyMs: number; failEveryNth: number; failRate: number; failSeed: number; timeoutEveryNth: number; hangMs: number; hold: { path: string; pass: number } | null;
  malformedJson: boolean; expireSessionAfter: number; mfaRequired: boolean; allUsersStatus: number;
  expiredAnswer: 'redirect' | '401';
}
export interface RequestRecord {
  method: string; path: string; query: Record<string, string | string[]>;
  headers: { host: string | null; accept: string | null; contentType: string | null; origin: string | null; referer: string | null;
    userAgent: string | null; cookie: boolean; sessionCookie: boolean; xsrfCookie: boolean; xXsrfToken: string | null; xRequestedWith: string | null };
  time: string; status: number | null; durationMs: number | null; user: string | null; selected?: string[];
  /** Requests to the same method and path the console held when this one arrived, itself included. */
  openAtArrival?: number;
}
export interface MailRecord { userId: string; email: string; login: string; subjectKey: string; time: string; via: 'process' | 'single' | 'class-admin' }
export interface FakeConsoleState {
  https: boolean;
  data: { structures: DemoStructure[]; structuresById: Map<string, DemoStructure>; usersById: Map<string, DemoUser>; classesById: Map<string, { id: string; name: string; level: string; structureId: string }> };
  knobs: Knobs;
  sessions: Map<string, { id: string; xsrf: string; userId: string; login: string; created: number; count: number; mfaValidated: boolean }>;
  requests: RequestRecord[];
  mails: MailRecord[];
  /** Requests waiting in the `hold` knob. */
  holdWaiters: Set<unknown>;
}
export interface FakeConsoleOptions extends Partial<Knobs> { port?: number; host?: string; http?: boolean; knobs?: Partial<Knobs> }
export interface FakeConsole { url: string; port: number; host: string; landing: string; state: FakeConsoleState; close(): Promise<void> }
export function startFakeConsole(options?: FakeConsoleOptions): Promise<FakeConsole>;
