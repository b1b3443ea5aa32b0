/**
 * Type-strict field readers for the console's JSON. A field of the wrong type (a numeric `code`,
 * `blocked: "true"`, a non-string `type`) is a console we do not understand: it raises a
 * ConsoleFormatError that names the field, never a silently different account (a numeric code read
 * as "no code" would print the account as activated).
 */
import { ConsoleFormatError } from './errors';

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'liste' : typeof v === 'number' ? 'nombre' : typeof v === 'boolean' ? 'booléen' : typeof v === 'string' ? 'texte' : typeof v);

function wrongType(where: string, field: string, expected: string, v: unknown): never {
  throw new ConsoleFormatError(`${where} : champ « ${field} » de type ${typeName(v)} (${expected} attendu)`);
}

/** A string, or null when absent or null. '' stays '' (the caller decides what empty means). */
export function optString(o: Json, field: string, where: string): string | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return wrongType(where, field, 'texte', v);
  return v;
}

/** A non-empty string; absent, null or '' is refused, naming the field. */
export function reqString(o: Json, field: string, where: string): string {
  const v = optString(o, field, where);
  if (v === null || v.trim() === '') throw new ConsoleFormatError(`${where} : champ « ${field} » ${v === null ? 'absent' : 'vide'}`);
  return v;
}

/** A boolean, or `fallback` when absent or null. "true" (a string) is refused. */
export function optBool(o: Json, field: string, where: string, fallback = false): boolean {
  const v = o[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') return wrongType(where, field, 'booléen', v);
  return v;
}

/** An array, or [] when absent or null. */
export function optArray(o: Json, field: string, where: string): unknown[] {
  const v = o[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return wrongType(where, field, 'liste', v);
  return v;
}

/** Refuses a second account with the same id: mail and the distribution log are keyed by id. */
export function refuseDuplicates(ids: Iterable<string>, where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new ConsoleFormatError(`${where} : identifiant « id » en double (${id})`);
    seen.add(id);
  }
}
