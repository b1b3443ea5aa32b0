/**
 * The accounts as the content script sends them to the panel. Extension messages are copied as
 * JSON through the browser's process: at 5,000 accounts the objects' repeated keys, class ids and
 * `false`s made 2 MB, and their copy was the largest part of the panel's opening after the console
 * answered (issue 23). Packed: one array per account, each class once, flags in one number, absent
 * fields absent; `unpackAccounts(packAccounts(x))` gives back exactly `x` (test/unit/packed.test.ts).
 */
import { type Account, type ChildRef, type ClassRef, PROFILES } from './account';

type PackedChild = [firstName: string, lastName: string, classname: string | null];
type PackedRow = [
  id: string,
  profile: number,
  firstName: string,
  lastName: string,
  login: string,
  activationCode: string | null,
  email: string | null,
  classes: number[],
  creationDate: string | null,
  flags: number,
  children: PackedChild[],
];

export interface PackedAccounts {
  packed: 1;
  classes: ClassRef[];
  rows: PackedRow[];
}

// Each optional boolean takes two bits: present, and its value.
const BLOCKED = 1;
const LOCAL_ADMIN = 2;
const OPTIONAL = ['emailOnFile', 'loggedInOnce', 'profileBlocked', 'classesDerived'] as const;
const present = (i: number) => 4 << (2 * i);
const value = (i: number) => 8 << (2 * i);

/** Every field of Account, packed: a field added to Account and not here does not compile. */
const PACKED_FIELDS = {
  id: 1, profile: 1, firstName: 1, lastName: 1, login: 1, activationCode: 1, email: 1, classes: 1, creationDate: 1,
  blocked: 1, isLocalAdmin: 1, children: 1, emailOnFile: 1, loggedInOnce: 1, profileBlocked: 1, classesDerived: 1,
} satisfies Record<keyof Account, 1>;
void PACKED_FIELDS;

/** Packs accounts for a message (see unpackAccounts). */
export function packAccounts(accounts: readonly Account[]): PackedAccounts {
  const classes: ClassRef[] = [];
  const classAt = new Map<string, number>();
  const classIndex = (c: ClassRef): number => {
    const key = `${c.id}\u0000${c.name}`;
    let i = classAt.get(key);
    if (i === undefined) {
      classAt.set(key, (i = classes.length));
      classes.push({ id: c.id, name: c.name });
    }
    return i;
  };
  const rows = accounts.map((a): PackedRow => {
    let flags = (a.blocked ? BLOCKED : 0) | (a.isLocalAdmin ? LOCAL_ADMIN : 0);
    OPTIONAL.forEach((k, i) => {
      if (a[k] !== undefined) flags |= present(i) | (a[k] ? value(i) : 0);
    });
    return [
      a.id, PROFILES.indexOf(a.profile), a.firstName, a.lastName, a.login, a.activationCode, a.email,
      a.classes.map(classIndex), a.creationDate, flags, a.children.map((c) => [c.firstName, c.lastName, c.classname]),
    ];
  });
  return { packed: 1, classes, rows };
}

export function unpackAccounts(p: PackedAccounts): Account[] {
  const out: Account[] = new Array(p.rows.length);
  for (let j = 0; j < p.rows.length; j++) {
    const [id, profile, firstName, lastName, login, activationCode, email, classes, creationDate, flags, children] = p.rows[j]!;
    const a: Account = {
      id, profile: PROFILES[profile]!, firstName, lastName, login, activationCode, email,
      // a fresh object per account, as parsed: a caller may change one account's classes
      classes: classes.map((i) => ({ ...p.classes[i]! })),
      creationDate, blocked: (flags & BLOCKED) !== 0, isLocalAdmin: (flags & LOCAL_ADMIN) !== 0,
      children: children.map(([f, l, c]): ChildRef => ({ firstName: f, lastName: l, classname: c })),
    };
    OPTIONAL.forEach((k, i) => {
      if (flags & present(i)) a[k] = (flags & value(i)) !== 0;
    });
    out[j] = a;
  }
  return out;
}
