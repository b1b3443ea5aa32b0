import { test, expect } from '@playwright/test';
import { createCampaign, serialize, type Campaign } from '../../src/campaign/campaign';
import { decode, encodeIds, encodeState, readStored } from '../../src/campaign/compact';
import { accounts } from '../support/campaign-fixtures';

test('compact storage round-trips a campaign with every state, reason and time', () => {
  const c0 = createCampaign('s1', accounts(40), 1_700_000_000_000, 'camp-1');
  const c: Campaign = { ...c0, status: 'stopped', stopReason: 'session', entries: { ...c0.entries } };
  const states = ['pending', 'inflight', 'sent', 'failed', 'unknown'] as const;
  c.order.forEach((id, i) => {
    if (c.entries[id]!.state === 'skipped') return;
    c.entries[id] = { state: states[i % 5]!, attempts: i % 3, at: 1_700_000_000_000 + i * 1000, ...(i % 5 === 3 ? { reason: 'server' } : {}) };
  });
  const back = decode(JSON.parse(JSON.stringify(encodeIds(c))), JSON.parse(JSON.stringify(encodeState(c))));
  expect(serialize(back)).toBe(serialize(c));
});

test('a save during a run is small: states only, not the ids', () => {
  const c = createCampaign('s1', accounts(1000), Date.now(), 'camp-2');
  const state = JSON.stringify(encodeState(c)).length;
  expect(state).toBeLessThan(10_000);
  expect(state).toBeLessThan(serialize(c).length / 5);
});

test('mismatched or garbled storage is refused, not half-read', () => {
  const c = createCampaign('s1', accounts(5), Date.now(), 'camp-3');
  const other = createCampaign('s1', accounts(5), Date.now(), 'camp-4');
  expect(() => decode(encodeIds(c), encodeState(other))).toThrow(/different campaigns/);
  expect(() => decode(encodeIds(c), { ...encodeState(c), s: 'zzzzz' })).toThrow(/unknown state/);
  expect(() => decode(null, encodeState(c))).toThrow();
});

test('the ids and states are read as the texts the panel writes and as the objects older versions wrote; a broken text is unreadable', () => {
  const c0 = createCampaign('s1', accounts(6), 1_700_000_000_000, 'camp-5');
  const c: Campaign = { ...c0, status: 'running', entries: { ...c0.entries } };
  c.entries[c.order[0]!] = { state: 'inflight', attempts: 1, at: 1_700_000_001_000 };
  const ids = encodeIds(c);
  expect(serialize(decode(JSON.stringify(ids), JSON.stringify(encodeState(c))))).toBe(serialize(c));
  expect(serialize(decode(ids, encodeState(c)))).toBe(serialize(c));
  const broken = readStored(JSON.stringify(ids), JSON.stringify(encodeState(c)).slice(0, -3));
  expect(broken.kind).toBe('unreadable');
  // its accounts can still be named (« incertain »), never lost
  expect(broken.kind === 'unreadable' && broken.ids).toEqual(c.order);
});
