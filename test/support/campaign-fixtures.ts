/** Test fixtures for the campaign (fake sender, accounts, PRNG). Not imported by the extension. */
import type { Account } from '../../src/model/account';
import type { SendResult } from '../../src/campaign/runner';

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function account(i: number, email: string | null = `user${i}@example.test`): Account {
  return {
    id: `id-${String(i).padStart(4, '0')}`,
    profile: 'Student',
    firstName: `Prénom${i}`,
    lastName: `NOM${i}`,
    login: `prenom${i}.nom${i}`,
    activationCode: `CODE${i}X`,
    email,
    classes: [{ id: 'c1', name: 'CM1' }],
    creationDate: null,
    blocked: false,
    isLocalAdmin: false,
    children: [],
  };
}

/** n accounts; every `noEmailEvery`-th has no e-mail (alternating null and blank). */
export function accounts(n: number, noEmailEvery = 7): Account[] {
  return Array.from({ length: n }, (_, i) =>
    account(i, noEmailEvery > 0 && i % noEmailEvery === 3 ? (i % 2 ? null : '   ') : `user${i}@example.test`),
  );
}

export interface Call {
  ids: string[];
  result: SendResult;
  signal: AbortSignal;
}

/**
 * A fake console sender that records every call. `decide(callNo, ids)` returns the result
 * (default ok); each call waits `delay()` ms (default a random 0–3 ms) so chunks interleave.
 */
export function fakeSender(opts: {
  decide?: (callNo: number, ids: string[]) => SendResult | 'hang';
  delay?: () => number;
  onCall?: (callNo: number, ids: string[]) => void;
} = {}) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const r = rng(42);
  const delay = opts.delay ?? (() => Math.floor(r() * 4));
  const send = async (ids: string[], signal: AbortSignal): Promise<SendResult> => {
    const callNo = calls.length + 1;
    opts.onCall?.(callNo, ids);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const d = opts.decide ? opts.decide(callNo, ids) : ({ ok: true } as const);
      if (d === 'hang') {
        const call: Call = { ids: [...ids], result: { ok: false, kind: 'timeout' }, signal };
        calls.push(call);
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        throw new Error('aborted');
      }
      calls.push({ ids: [...ids], result: d, signal });
      await new Promise((res) => setTimeout(res, delay()));
      return d;
    } finally {
      inFlight--;
    }
  };
  return {
    send,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    /** How many times each id was in a successful call. */
    okCounts(): Map<string, number> {
      const m = new Map<string, number>();
      for (const c of calls) if (c.result.ok) for (const id of c.ids) m.set(id, (m.get(id) ?? 0) + 1);
      return m;
    },
    /** Every id the server received, in any call. */
    receivedIds(): Set<string> {
      return new Set(calls.flatMap((c) => c.ids));
    },
  };
}

export const fast = { backoffMs: () => 0, sleep: async () => {} };
