import { test, expect } from '@playwright/test';
import {
  counts, createCampaign, deserialize, pendingIds, requeue, resumeFrom, serialize, toCsv, CampaignError,
  type Campaign,
} from '../../src/campaign/campaign';
import { account, accounts } from '../support/campaign-fixtures';

const T0 = Date.UTC(2025, 8, 1, 8, 0, 0);

test.describe('createCampaign', () => {
  test('accounts without e-mail are skipped (no-email), the others pending, in order', () => {
    const accs = [account(0), account(1, null), account(2, '  '), account(3), account(0)];
    const c = createCampaign('s1', accs, T0, 'camp-1');
    expect(c.order).toEqual(['id-0000', 'id-0001', 'id-0002', 'id-0003']); // duplicate id kept once
    expect(c.entries['id-0000']).toEqual({ state: 'pending', attempts: 0, at: T0 });
    expect(c.entries['id-0001']).toEqual({ state: 'skipped', reason: 'no-email', attempts: 0, at: T0 });
    expect(c.entries['id-0002']!.state).toBe('skipped');
    expect(c.status).toBe('ready');
    expect(c.structureId).toBe('s1');
    expect(pendingIds(c)).toEqual(['id-0000', 'id-0003']);
    expect(counts(c)).toEqual({ pending: 2, inflight: 0, sent: 0, failed: 0, skipped: 2, unknown: 0, total: 4 });
  });

  test('the campaign holds ids and states only: no code, e-mail or name', () => {
    const accs = accounts(30);
    const json = serialize(createCampaign('s1', accs, T0));
    for (const a of accs) {
      expect(json).not.toContain(a.activationCode!);
      if (a.email?.trim()) expect(json).not.toContain(a.email);
      expect(json).not.toContain(a.firstName);
      expect(json).not.toContain(a.lastName);
      expect(json).not.toContain(a.login);
    }
  });

  test('generates an id; refuses a missing structure id or account id', () => {
    const a = createCampaign('s', [account(1)], T0);
    const b = createCampaign('s', [account(1)], T0);
    expect(a.id).toBeTruthy();
    expect(a.id).not.toBe(b.id);
    expect(() => createCampaign('', [account(1)], T0)).toThrow(CampaignError);
    expect(() => createCampaign('s', [{ ...account(1), id: '' }], T0)).toThrow(CampaignError);
  });

  test('an id such as __proto__ is an ordinary key', () => {
    const c = createCampaign('s', [{ ...account(1), id: '__proto__' }, account(2)], T0);
    expect(c.order).toEqual(['__proto__', 'id-0002']);
    expect(pendingIds(c)).toEqual(['__proto__', 'id-0002']);
    const back = deserialize(serialize(c));
    expect(back.entries['__proto__']!.state).toBe('pending');
    expect(pendingIds(back)).toEqual(['__proto__', 'id-0002']);
  });
});

function withStates(c: Campaign, states: Record<string, Campaign['entries'][string]>, status: Campaign['status']): Campaign {
  const out = deserialize(serialize(c));
  for (const [id, e] of Object.entries(states)) out.entries[id] = e;
  out.status = status;
  return out;
}

test.describe('resumeFrom / requeue', () => {
  test('resumeFrom: inflight → unknown (interrupted), running → paused; input untouched', () => {
    const base = createCampaign('s', [account(0), account(1), account(2), account(3)], T0, 'c');
    const saved = withStates(base, {
      'id-0000': { state: 'sent', attempts: 1, at: T0 },
      'id-0001': { state: 'inflight', attempts: 2, at: T0 },
    }, 'running');
    const before = serialize(saved);
    const r = resumeFrom(saved, T0 + 5);
    expect(serialize(saved)).toBe(before);
    expect(r.entries['id-0001']).toEqual({ state: 'unknown', reason: 'interrupted', attempts: 2, at: T0 + 5 });
    expect(r.entries['id-0000']!.state).toBe('sent');
    expect(r.status).toBe('paused');
    expect(pendingIds(r)).toEqual(['id-0002', 'id-0003']);
  });

  test('resumeFrom: a running campaign with nothing pending is done; other statuses kept', () => {
    const base = createCampaign('s', [account(0)], T0, 'c');
    expect(resumeFrom(withStates(base, { 'id-0000': { state: 'inflight', attempts: 1 } }, 'running')).status).toBe('done');
    const stopped = { ...withStates(base, {}, 'stopped'), stopReason: 'session' as const };
    expect(resumeFrom(stopped)).toMatchObject({ status: 'stopped', stopReason: 'session' });
  });

  test('requeue: sent/failed/unknown → pending keeping attempts; skipped, pending and strangers ignored', () => {
    const base = createCampaign('s', [account(0), account(1), account(2), account(3, null), account(4)], T0, 'c');
    const c = withStates(base, {
      'id-0000': { state: 'sent', attempts: 1, at: T0 },
      'id-0001': { state: 'failed', reason: 'server', attempts: 4, at: T0 },
      'id-0002': { state: 'unknown', reason: 'interrupted', attempts: 1, at: T0 },
      'id-0004': { state: 'sent', attempts: 1, at: T0 },
    }, 'done');
    const r = requeue(c, ['id-0000', 'id-0001', 'id-0002', 'id-0003', 'nobody'], T0 + 9);
    expect(r.entries['id-0000']).toEqual({ state: 'pending', attempts: 1, at: T0 + 9 });
    expect(r.entries['id-0001']).toEqual({ state: 'pending', attempts: 4, at: T0 + 9 });
    expect(r.entries['id-0002']).toEqual({ state: 'pending', attempts: 1, at: T0 + 9 });
    expect(r.entries['id-0003']!.state).toBe('skipped');
    expect(r.entries['id-0004']!.state).toBe('sent');
    expect(r.status).toBe('paused');
    expect(c.entries['id-0000']!.state).toBe('sent'); // pure
    expect(() => requeue({ ...c, status: 'running' }, ['id-0000'])).toThrow(/running/);
  });
});

test.describe('serialisation', () => {
  test('round trip', () => {
    const c = withStates(createCampaign('s', accounts(12), T0, 'c'), {
      'id-0001': { state: 'failed', reason: 'bad-request', attempts: 1, at: T0 + 1 },
    }, 'stopped');
    c.stopReason = 'mfa';
    const back = deserialize(serialize(c));
    expect(back).toEqual(c);
    expect(serialize(back)).toBe(serialize(c));
    // also accepts the parsed object (storage APIs may hand back objects)
    expect(deserialize(JSON.parse(serialize(c)))).toEqual(c);
  });

  test('drops fields it does not know (nothing foreign survives)', () => {
    const o = JSON.parse(serialize(createCampaign('s', [account(1)], T0, 'c')));
    o.extra = 'x';
    o.entries['id-0001'].email = 'leak@example.test';
    o.entries['id-0001'].activationCode = 'SECRET';
    const json = serialize(deserialize(o));
    expect(json).not.toContain('leak@');
    expect(json).not.toContain('SECRET');
    expect(json).not.toContain('extra');
  });

  test('rejects garbage with a clear error', () => {
    const good = JSON.parse(serialize(createCampaign('s', [account(1), account(2)], T0, 'c')));
    const mutate = (f: (o: any) => void): unknown => {
      const o = structuredClone(good);
      f(o);
      return o;
    };
    const cases: [unknown, RegExp][] = [
      ['{not json', /not JSON/],
      [null, /not an object/],
      ['[]', /not an object/],
      [42, /not an object/],
      [mutate((o) => (o.v = 2)), /format version/],
      [mutate((o) => delete o.v), /format version/],
      [mutate((o) => (o.id = '')), /id/],
      [mutate((o) => (o.structureId = 5)), /structureId/],
      [mutate((o) => (o.createdAt = 'yesterday')), /createdAt/],
      [mutate((o) => (o.updatedAt = Number.NaN)), /updatedAt/],
      [mutate((o) => (o.status = 'finished')), /unknown status/],
      [mutate((o) => (o.stopReason = 'tired')), /stopReason/],
      [mutate((o) => (o.order = 'id-0001')), /order must be an array/],
      [mutate((o) => o.order.push('id-0001')), /duplicate id/],
      [mutate((o) => o.order.push(7)), /non-string/],
      [mutate((o) => o.order.push('ghost')), /no entry for id "ghost"/],
      [mutate((o) => (o.entries.ghost = { state: 'pending', attempts: 0 })), /not in order/],
      [mutate((o) => (o.entries = [])), /entries must be an object/],
      [mutate((o) => (o.entries['id-0001'] = 'sent')), /is not an object/],
      [mutate((o) => (o.entries['id-0001'].state = 'mailed')), /unknown state/],
      [mutate((o) => (o.entries['id-0001'].attempts = -1)), /attempts/],
      [mutate((o) => (o.entries['id-0001'].attempts = 1.5)), /attempts/],
      [mutate((o) => (o.entries['id-0001'].reason = 12)), /bad reason/],
      [mutate((o) => (o.entries['id-0001'].reason = 'x'.repeat(65))), /bad reason/],
      [mutate((o) => (o.entries['id-0001'].at = 'noon')), /at must be/],
    ];
    for (const [input, msg] of cases) {
      expect(() => deserialize(input), JSON.stringify(input)?.slice(0, 80)).toThrow(msg);
      expect(() => deserialize(input)).toThrow(CampaignError);
    }
  });
});

test.describe('CSV report', () => {
  test('BOM, French header, quoted fields, one row per account in order, reasons translated', () => {
    const accs = [account(0), account(1, null), { ...account(2), lastName: 'D"Arc', firstName: '=cmd()' }, account(3)];
    const c = withStates(createCampaign('s', accs, T0, 'c'), {
      'id-0000': { state: 'sent', attempts: 1, at: new Date(2025, 8, 1, 9, 5, 7).getTime() },
      'id-0002': { state: 'unknown', reason: 'interrupted', attempts: 1 },
      'id-0003': { state: 'failed', reason: 'server', attempts: 4 },
    }, 'done');
    const names = new Map(accs.slice(0, 3).map((a) => [a.id, { lastName: a.lastName, firstName: a.firstName, login: a.login }]));
    const csv = toCsv(c, names);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.pop()).toBe(''); // trailing CRLF
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('"Nom";"Prénom";"Identifiant";"État";"Raison";"Heure"');
    expect(lines[1]).toBe('"NOM0";"Prénom0";"prenom0.nom0";"Envoyé";"";"01/09/2025 09:05:07"');
    expect(lines[2]).toMatch(/^"NOM1";"Prénom1";"prenom1.nom1";"Sans adresse courriel";"Pas d’adresse courriel";"\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d"$/);
    // quotes doubled, formula neutralised
    expect(lines[3]).toBe('"D""Arc";"\'=cmd()";"prenom2.nom2";"Incertain (à vérifier)";"Envoi interrompu : le message a pu partir ou non";""');
    // not in the names map: empty names, account id as identifier
    expect(lines[4]).toBe('"";"";"id-0003";"Échec";"Erreur du serveur";""');
    // the report never shows e-mails or codes
    expect(csv).not.toContain('@example.test');
    expect(csv).not.toContain('CODE');
  });

  test('English labels on request; unknown reason codes pass through', () => {
    const c = withStates(createCampaign('s', [account(0)], T0, 'c'), {
      'id-0000': { state: 'failed', reason: 'teapot', attempts: 1, at: new Date(2025, 0, 2, 3, 4, 5).getTime() },
    }, 'done');
    const lines = toCsv(c, undefined, 'en').slice(1).split('\r\n');
    expect(lines[0]).toBe('"Last name";"First name";"Login";"Status";"Reason";"Time"');
    expect(lines[1]).toBe('"";"";"id-0000";"Failed";"teapot";"2025-01-02 03:04:05"');
  });
});
