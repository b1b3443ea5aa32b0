import { test, expect } from '@playwright/test';
import { campaignExpired, pruneLog, RETENTION_MS } from '../../src/model/retention';
import { createCampaign } from '../../src/campaign/campaign';
import { encodeIds, encodeState } from '../../src/campaign/compact';

const NOW = Date.UTC(2026, 10, 26);
const DAY = 24 * 3600 * 1000;

test('distribution log: entries whose latest event is older than one school year are dropped', () => {
  const log = {
    structureId: 's1',
    entries: {
      old: { handed: NOW - 400 * DAY },
      oldButMailedSince: { printed: NOW - 500 * DAY, mailed: NOW - 20 * DAY },
      recent: { printed: NOW - 30 * DAY },
      edge: { handed: NOW - RETENTION_MS },
    },
  };
  expect(Object.keys(pruneLog(log, NOW).entries).sort()).toEqual(['edge', 'oldButMailedSince', 'recent']);
});

test('mail campaigns: expired after one school year without a change; an unreadable one only by the age it still carries', () => {
  const acc = (id: string) => ({ id, email: `${id}@x.fr` });
  const old = createCampaign('s1', [acc('a'), acc('b')] as never, NOW - 400 * DAY, 'c-old');
  const recent = createCampaign('s1', [acc('a')] as never, NOW - 10 * DAY, 'c-new');
  expect(campaignExpired(encodeIds(old), encodeState(old), NOW)).toBe(true);
  expect(campaignExpired(encodeIds(recent), encodeState(recent), NOW)).toBe(false);
  // Unreadable (its ids lost, or junk): never dropped for that alone (issue 18.2), only when old.
  expect(campaignExpired(undefined, { junk: true }, NOW)).toBe(false);
  expect(campaignExpired(undefined, encodeState(recent), NOW)).toBe(false);
  expect(campaignExpired(undefined, encodeState(old), NOW)).toBe(true);
});
