/**
 * In-memory benchmark of the campaign runner: `n` accounts (all with e-mail) against a sender that
 * answers ok after `latencyMs`. Measures the runner's own overhead against the ideal
 * `ceil(n / chunkSize / concurrency) * latencyMs`. The team's `npm run bench` also runs the real
 * thing against the fake console.
 */
import type { Account } from '../../src/model/account';
import { createCampaign } from '../../src/campaign/campaign';
import { runCampaign } from '../../src/campaign/runner';

export interface BenchOptions {
  n?: number;
  latencyMs?: number;
  chunkSize?: number;
  concurrency?: number;
}

export interface BenchResult {
  n: number;
  wallMs: number;
  requests: number;
  idealMs: number;
  /** Ids received more than once by the sender (must be 0). */
  duplicates: number;
  /** Accounts that ended `sent` (must be n). */
  sent: number;
  /** Most requests seen in flight at once (must be ≤ concurrency). */
  maxInFlight: number;
  status: string;
}

export function benchAccounts(n: number): Account[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `u${String(i).padStart(6, '0')}`,
    profile: 'Student' as const,
    firstName: `Prénom${i}`,
    lastName: `Nom${i}`,
    login: `prenom${i}.nom`,
    activationCode: null,
    email: `u${i}@example.test`,
    classes: [],
    creationDate: null,
    blocked: false,
    isLocalAdmin: false,
    children: [],
  }));
}

export async function benchCampaign(opts: BenchOptions = {}): Promise<BenchResult> {
  const n = opts.n ?? 1000;
  const latencyMs = opts.latencyMs ?? 100;
  const chunkSize = opts.chunkSize ?? 5;
  const concurrency = opts.concurrency ?? 4;
  const seen = new Map<string, number>();
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const campaign = createCampaign('bench-structure', benchAccounts(n), Date.now(), 'bench');
  const t0 = performance.now();
  const out = await runCampaign(campaign, {
    chunkSize,
    concurrency,
    save: () => {},
    send: async (ids) => {
      requests++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, latencyMs));
      for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      inFlight--;
      return { ok: true };
    },
  });
  const wallMs = Math.round(performance.now() - t0);
  let duplicates = 0;
  for (const k of seen.values()) if (k > 1) duplicates++;
  const sent = out.order.filter((id) => out.entries[id]!.state === 'sent').length;
  return {
    n, wallMs, requests, idealMs: Math.ceil(n / chunkSize / concurrency) * latencyMs, duplicates, sent, maxInFlight,
    status: out.status,
  };
}
