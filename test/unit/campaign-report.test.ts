/**
 * Issue 18 (2, 7) and 22 (1): a report that adds up, a stored record that is read back or said to be
 * unreadable (never dropped), and the mail dialog's summary of who gets what.
 */
import { test, expect } from '@playwright/test';
import { createCampaign, type Campaign, type Entry } from '../../src/campaign/campaign';
import { encodeIds, encodeState, readStored, uncertainCampaign } from '../../src/campaign/compact';
import { mailSummary } from '../../src/campaign/mail-summary';
import { OUTCOME_LABELS, OUTCOMES, outcomeOf, tally, toCsv } from '../../src/campaign/report';
import { runCampaign } from '../../src/campaign/runner';
import { account, accounts, fakeSender, rng } from '../support/campaign-fixtures';

const T0 = Date.UTC(2025, 8, 1, 8, 0, 0);
const STATES: Entry['state'][] = ['pending', 'inflight', 'sent', 'failed', 'skipped', 'unknown'];
const REASONS = [undefined, 'server', 'timeout', 'refused', 'interrupted', 'unreadable'];

/** A campaign of n accounts in random states (seeded), as a stored record could hold them. */
function randomCampaign(n: number, seed: number): Campaign {
  const r = rng(seed);
  const c = createCampaign('s', accounts(n), T0, `c-${seed}`);
  for (const id of c.order) {
    const state = STATES[Math.floor(r() * STATES.length)]!;
    const reason = state === 'failed' || state === 'unknown' ? REASONS[Math.floor(r() * REASONS.length)] : undefined;
    c.entries[id] = { state, attempts: Math.floor(r() * 3), ...(reason ? { reason } : {}) };
  }
  return c;
}

const sum = (t: ReturnType<typeof tally>) => OUTCOMES.reduce((k, o) => k + t[o], 0);

test.describe('every report adds up', () => {
  test('sent + without address + failed + uncertain + refused + not sent = the accounts of the campaign, whatever the states', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = randomCampaign(1 + (seed % 37), seed);
      const t = tally(c);
      expect(t.selected).toBe(c.order.length);
      expect(sum(t), `seed ${seed}`).toBe(t.selected);
    }
  });

  test('each state lands in one outcome; a refusal is not a failure, an entry left in flight is uncertain', () => {
    expect(outcomeOf({ state: 'sent', attempts: 1 })).toBe('sent');
    expect(outcomeOf({ state: 'skipped', reason: 'no-email', attempts: 0 })).toBe('noAddress');
    expect(outcomeOf({ state: 'failed', reason: 'server', attempts: 4 })).toBe('failed');
    expect(outcomeOf({ state: 'failed', reason: 'refused', attempts: 3 })).toBe('refused');
    expect(outcomeOf({ state: 'unknown', reason: 'interrupted', attempts: 1 })).toBe('uncertain');
    expect(outcomeOf({ state: 'inflight', attempts: 1 })).toBe('uncertain');
    expect(outcomeOf({ state: 'pending', attempts: 0 })).toBe('notSent');
  });

  test('the CSV has one row per account, and its « État » column counts exactly what the panel line says', () => {
    const c = randomCampaign(60, 7);
    const rows = toCsv(c).slice(1).split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(c.order.length);
    const t = tally(c);
    for (const o of OUTCOMES) {
      const label = `"${OUTCOME_LABELS.fr[o]}"`;
      expect(rows.filter((r) => r.split(';')[3] === label).length, o).toBe(t[o]);
    }
  });

  test('a run stopped by a lost session: the accounts still to send are « non envoyés », and it all adds up', async () => {
    const accs = accounts(40);
    const sender = fakeSender({ decide: (n) => (n >= 3 ? { ok: false, kind: 'session' } : { ok: true }) });
    const end = await runCampaign(createCampaign('s', accs, T0, 'c'), { send: sender.send, save: () => {}, concurrency: 1, sleep: async () => {} });
    expect(end.status).toBe('stopped');
    const t = tally(end);
    const okIds = sender.calls.filter((k) => k.result.ok).flatMap((k) => k.ids);
    expect(okIds.length).toBeGreaterThan(0);
    expect(t.sent).toBe(okIds.length);
    expect(t.notSent).toBeGreaterThan(0);
    expect(t.noAddress).toBe(accs.filter((a) => !a.email?.trim()).length);
    expect(sum(t)).toBe(accs.length);
  });
});

test.describe('the stored record', () => {
  const c = createCampaign('s', accounts(12), T0, 'camp');

  test('ids and states written together are read back', () => {
    const s = readStored(encodeIds(c), encodeState(c));
    expect(s.kind).toBe('ok');
    expect(s.kind === 'ok' && s.campaign.order).toEqual(c.order);
  });

  test('states without their ids (the ids key removed by another page): unreadable, with how many accounts, never « none »', () => {
    const s = readStored(undefined, encodeState(c));
    expect(s.kind).toBe('unreadable');
    if (s.kind !== 'unreadable') return;
    expect(s.ids).toBeNull();
    expect(s.count).toBe(12);
    expect(s.updatedAt).toBe(T0);
  });

  test('ids whose states are lost or damaged: unreadable, and every one of its accounts named', () => {
    for (const state of [undefined, { v: 'c1', id: 'camp', s: 'zz' }, 'junk']) {
      const s = readStored(encodeIds(c), state);
      expect(s.kind).toBe('unreadable');
      if (s.kind === 'unreadable') expect(s.ids).toEqual(c.order);
    }
  });

  test('the campaign an unreadable record stands for: each of its accounts « incertain », nothing pending, nothing resent by itself', () => {
    const u = uncertainCampaign('s', c.order, T0 + 5);
    const t = tally(u);
    expect(t).toEqual({ selected: 12, sent: 0, noAddress: 0, failed: 0, uncertain: 12, refused: 0, notSent: 0 });
    expect(u.status).toBe('done');
    for (const id of u.order) expect(u.entries[id]).toEqual({ state: 'unknown', reason: 'unreadable', attempts: 0, at: T0 + 5 });
    // Stored back, it reads as a campaign.
    expect(readStored(encodeIds(u), encodeState(u)).kind).toBe('ok');
    expect(toCsv(u)).toContain('"Incertain (à vérifier)";"Enregistrement de l’envoi illisible : le message a pu partir ou non"');
  });
});

test.describe('the mail dialog’s summary', () => {
  // 13 accounts like CE1 A: 9 activated (no code), 4 with a code; one activated and one not without address.
  const ce1 = [
    ...Array.from({ length: 9 }, (_, i) => ({ ...account(i), activationCode: null })),
    ...Array.from({ length: 4 }, (_, i) => account(20 + i)),
    { ...account(40), activationCode: null, email: null },
    account(41, null),
  ];

  test('a mixed selection says how many are reminders, and is mixed', () => {
    const s = mailSummary(ce1, false);
    expect(s.mixed).toBe(true);
    expect([s.reminders, s.activations]).toEqual([9, 4]);
    expect(s.recipients).toHaveLength(15);
    expect(s.withoutEmail.map((a) => a.id)).toEqual(['id-0040', 'id-0041']);
    expect(s.lines).toEqual([
      { key: 'confirmTextReminders', vars: { n: 13, a: 9 } },
      { key: 'confirmNoEmail', vars: { n: 2 }, action: 'print-no-email' },
    ]);
  });

  test('« Seulement les comptes non activés » leaves the activated ones out of the campaign, and says how many', () => {
    const s = mailSummary(ce1, true);
    expect([s.reminders, s.activations]).toEqual([0, 4]);
    expect(s.recipients.every((a) => a.activationCode)).toBe(true);
    expect(s.recipients).toHaveLength(5);
    expect(s.lines).toEqual([
      { key: 'confirmText', vars: { n: 4 } },
      { key: 'mailActivatedLeftOut', vars: { n: 10 } },
      { key: 'confirmNoEmail', vars: { n: 1 }, action: 'print-no-email' },
    ]);
  });

  test('blocked accounts with an address and a code (the account, or its profile): a line says they cannot activate', () => {
    const sel = [...ce1, { ...account(50), blocked: true }, { ...account(51), profileBlocked: true }, { ...account(52), blocked: true, activationCode: null }, { ...account(53, null), blocked: true }];
    const s = mailSummary(sel, false);
    expect(s.lines.at(-1)).toEqual({ key: 'blockedCannotActivateMany', vars: { n: 2 } });
    expect(mailSummary([...ce1, { ...account(50), blocked: true }], true).lines.at(-1)).toEqual({ key: 'blockedCannotActivateOne', vars: { n: 1 } });
    expect(mailSummary(ce1, false).lines.some((l) => l.key.startsWith('blocked'))).toBe(false);
  });

  test('accounts the log saw mailed: said before sending (with the last date), left out only when the director asks', () => {
    // Mailed before: two activated (id-0000, id-0001), one with a code (id-0020), and the one without an address (never mailed).
    const log = new Map([['id-0000', 1_000], ['id-0001', 3_000], ['id-0020', 2_000], ['id-0041', 5_000]]);
    const mailedAt = (id: string) => log.get(id);
    const told = mailSummary(ce1, false, { mailedAt });
    expect(told.mailedBefore).toBe(3);
    expect(told.recipients).toHaveLength(15);
    expect(told.lines).toEqual([
      { key: 'confirmTextReminders', vars: { n: 13, a: 9 } },
      { key: 'mailAlreadyMailed', vars: { n: 3, at: 3_000 } },
      { key: 'confirmNoEmail', vars: { n: 2 }, action: 'print-no-email' },
    ]);
    const skipped = mailSummary(ce1, false, { mailedAt, skipMailed: true });
    expect(skipped.recipients.map((a) => a.id)).not.toContain('id-0020');
    expect(skipped.recipients).toHaveLength(12);
    expect([skipped.reminders, skipped.activations]).toEqual([7, 3]);
    expect(skipped.lines.slice(0, 2)).toEqual([
      { key: 'confirmTextReminders', vars: { n: 10, a: 7 } },
      { key: 'mailAlreadyLeftOut', vars: { n: 3, at: 3_000 } },
    ]);
    // With « Seulement les comptes non activés », only the not-activated ones mailed before count.
    const only = mailSummary(ce1, true, { mailedAt, skipMailed: true });
    expect([only.mailedBefore, only.activations, only.recipients.length]).toEqual([1, 3, 4]);
    expect(only.lines.map((l) => l.key)).toEqual(['confirmText', 'mailAlreadyLeftOut', 'mailActivatedLeftOut', 'confirmNoEmail']);
    // No log: no line.
    expect(mailSummary(ce1, false).lines.some((l) => l.key.startsWith('mailAlready'))).toBe(false);
  });

  test('no address at all: nobody to mail, said so', () => {
    const s = mailSummary([account(1, null)], false);
    expect(s.mixed).toBe(false);
    expect(s.lines[0]).toEqual({ key: 'mailNobody', vars: {} });
  });
});
