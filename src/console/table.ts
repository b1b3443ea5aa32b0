import { type Account, type ClassRef, PROFILES, type Profile } from '../model/account';
import { ConsoleFormatError } from './errors';

/** One `tbody tr` of the console's table, as content/selectors.ts reads it (cells in column order). */
export interface TableRow {
  lastName: string;
  firstName: string;
  /** CSS class of the profile cell (Student, Relative…), the most reliable profile source. */
  profileClass: string;
  profileLabel: string;
  login: string;
  code: string;
  email: string;
  classText: string;
  dateText: string;
}

/** The console's French headers, in order: the table fallback refuses a table that differs. */
export const TABLE_HEADERS = [
  'Nom de famille',
  'Prénom',
  'Profil',
  'Login',
  "Code d'activation",
  'Courriel',
  'Classe',
  'Date de création',
] as const;

const LABELS: Record<string, Profile> = {
  élève: 'Student', eleve: 'Student', student: 'Student',
  parent: 'Relative', relative: 'Relative',
  enseignant: 'Teacher', teacher: 'Teacher',
  personnel: 'Personnel',
  invité: 'Guest', invite: 'Guest', guest: 'Guest',
};

function profileOf(row: TableRow, i: number): Profile {
  for (const c of row.profileClass.split(/\s+/)) if ((PROFILES as readonly string[]).includes(c)) return c as Profile;
  const p = LABELS[row.profileLabel.trim().toLowerCase()];
  if (p) return p;
  throw new ConsoleFormatError(`tableau, ligne ${i + 1} : profil « ${row.profileLabel} » non reconnu`);
}

/**
 * Class names are joined by spaces in the table, and names contain spaces ("CP A"), so the cell is
 * matched against the structure's class list, longest names first.
 */
export function splitClasses(text: string, known: readonly ClassRef[]): ClassRef[] {
  let rest = ` ${text.trim()} `;
  if (!rest.trim()) return [];
  const found: ClassRef[] = [];
  const byLength = [...known].sort((a, b) => b.name.length - a.name.length);
  for (const c of byLength) {
    const needle = ` ${c.name} `;
    const at = rest.indexOf(needle);
    if (at >= 0) {
      found.push(c);
      rest = rest.slice(0, at) + ' ' + rest.slice(at + needle.length - 1);
    }
  }
  const left = rest.trim();
  if (left) found.push({ id: `name:${left}`, name: left });
  return found.sort((a, b) => text.indexOf(a.name) - text.indexOf(b.name));
}

/** dd/mm/yyyy (the console's fr date) → ISO date at local midnight, or null. */
export function parseFrDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  return d.toISOString();
}

/**
 * Accounts from the table: no id, no children, no function, no blocked flag in the DOM, so the
 * login (unique in a structure) stands in for the id and those fields take neutral values.
 */
export function accountsFromTable(rows: readonly TableRow[], known: readonly ClassRef[]): Account[] {
  return rows.map((row, i) => ({
    id: `login:${row.login}`,
    profile: profileOf(row, i),
    firstName: row.firstName.trim(),
    lastName: row.lastName.trim(),
    login: row.login.trim(),
    activationCode: row.code.trim() || null,
    email: row.email.trim() || null,
    classes: splitClasses(row.classText, known),
    creationDate: parseFrDate(row.dateText),
    blocked: false,
    isLocalAdmin: false,
    children: [],
  }));
}
