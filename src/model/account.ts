/**
 * The account model: one user of the structure as the panel, the PDF and the mail campaign see it.
 * Field names follow the console's vocabulary (see ../shared/one-console.md §1.1, §1.7).
 */

import { compareClassNames } from './class-order';

/** Profile names exactly as the console sends them. */
export type Profile = 'Student' | 'Relative' | 'Teacher' | 'Personnel' | 'Guest';

export const PROFILES: readonly Profile[] = ['Student', 'Relative', 'Teacher', 'Personnel', 'Guest'];

export interface ClassRef {
  id: string;
  name: string;
}

/** A child as `allUsers` describes it on a Relative: names only, no id. */
export interface ChildRef {
  firstName: string;
  lastName: string;
  /** Alphabetically-first class name of the child, or null. */
  classname: string | null;
}

export interface Account {
  id: string;
  profile: Profile;
  firstName: string;
  lastName: string;
  /** Login shown to the user: the alias if set, else the generated login. */
  login: string;
  /** Null once the account is activated. A credential: never persisted, never logged. */
  activationCode: string | null;
  email: string | null;
  /**
   * The console says the account has an address without giving it (the teacher's class list has
   * `hasEmail`, never `email`: one-console.md §9). The mail route still reaches it.
   */
  emailOnFile?: boolean;
  /** Empty when the user is in no class. */
  classes: ClassRef[];
  /** ISO-8601 string as the console sends it, or null when unknown. */
  creationDate: string | null;
  blocked: boolean;
  /**
   * The account's profile is blocked on the platform (`GET /directory/profiles`, `blocked: true`):
   * entcore then refuses activation to all its users, as to a blocked account.
   */
  profileBlocked?: boolean;
  /** Holds the ADMIN_LOCAL function with this structure in its scope (as the console's filter reads it). */
  isLocalAdmin: boolean;
  /** Relatives only; empty otherwise. */
  children: ChildRef[];
  /**
   * The classes were not given by the console but taken from the children's (a parent whose
   * account is in no class, as after old imports): shown as such in the list.
   */
  classesDerived?: boolean;
}

export interface Structure {
  id: string;
  name: string;
}

export const isActivated = (a: Account): boolean => !a.activationCode;
/** Blocked, itself or through its profile. */
export const isBlocked = (a: Pick<Account, 'blocked' | 'profileBlocked'>): boolean => a.blocked || a.profileBlocked === true;
/**
 * Not activated and blocked: it will never activate, whatever is handed over or sent (entcore's
 * activation query skips blocked users and users of a blocked profile: auth/.../users/DefaultUserAuthAccount.java).
 */
export const cannotActivate = (a: Account): boolean => !isActivated(a) && isBlocked(a);
export const hasEmail = (a: Account): boolean => (!!a.email && a.email.trim() !== '') || a.emailOnFile === true;
export const displayName = (a: Pick<Account, 'firstName' | 'lastName'>): string =>
  `${a.firstName} ${a.lastName}`.trim();
/**
 * The class an account is filed under: its lowest school level (a parent of a CP pupil and a CM2
 * pupil goes with CP), null without class. The console's own `classname` is the alphabetically-first
 * name, which would file that parent under CM2.
 */
export function firstClassName(a: Pick<Account, 'classes'>): string | null {
  let best: string | null = null;
  for (const c of a.classes) if (best === null || compareClassNames(c.name, best) < 0) best = c.name;
  return best;
}
