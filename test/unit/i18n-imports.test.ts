/**
 * src/i18n's modules import each other in one direction only (issue 22 item 11): follow-up.ts's
 * strings are spread into ui.ts, so follow-up.ts must not import ui.ts back.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../src/i18n', import.meta.url));

/** Each module's local imports (`import … from './x'`, type-only ones too: a cycle of types is still a cycle of rooms). */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(path.join(DIR, f), 'utf8');
    const deps = [...src.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]\.\/([\w-]+)['"]/gm)].map((m) => `${m[1]}.ts`);
    g.set(f, deps);
  }
  return g;
}

test('src/i18n has no import cycle', () => {
  const g = graph();
  expect(g.get('ui.ts')).toContain('follow-up.ts'); // the edge that made the circle is still the one wanted
  const cycles: string[] = [];
  const walk = (f: string, trail: string[]) => {
    if (trail.includes(f)) return void cycles.push([...trail.slice(trail.indexOf(f)), f].join(' → '));
    for (const d of g.get(f) ?? []) walk(d, [...trail, f]);
  };
  for (const f of g.keys()) walk(f, []);
  expect(cycles).toEqual([]);
});
