import { test, expect } from '@playwright/test';
import { createCampaign, serialize, type Campaign } from '../../src/campaign/campaign';
import { decode, encodeIds, encodeState } from '../../src/campaign/compact';
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
