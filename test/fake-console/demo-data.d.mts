export type Profile = 'Student' | 'Relative' | 'Teacher' | 'Personnel' | 'Guest';
export interface DemoClass { id: string; name: string; level: string; structureId: string }
export interface DemoUser {
  id: string; profile: Profile; firstName: string; lastName: string; displayName: string;
  login: string; loginAlias: string | null; activationCode: string | null; password: string | null;
  email: string | null; classes: string[]; structures: string[]; created: string; blocked: boolean;
  functions: [string, string[]][]; children: string[]; parents: string[]; level: string | null; classAdmin: boolean;
}
export interface DemoStructure { id: string; name: string; UAI: string; classes: DemoClass[]; users: DemoUser[] }
export const DEMO_STRUCTURE_ID: string;
export const BIG_STRUCTURE_ID: string;
export const EMPTY_STRUCTURE_ID: string;
export const STRUCTURES: { id: string; name: string; UAI: string }[];
export const DEMO_CLASS_NAMES: string[];
export const DEMO_CLASSES: string[];
export const BIG_STRUCTURE_ACCOUNTS: number;
export const DEMO_PASSWORD: string;
export const ROLE_LOGINS: { adml: string; admc: string; teacher: string; none: string };
export const PROFILES: Profile[];
export const PROFILE_FR: Record<Profile, string>;
export function mulberry32(seed: number): () => number;
export function asciiSlug(s: string): string;
export function buildDemoSchool(): DemoStructure;
export function buildBigStructure(): DemoStructure;
export function buildEmptyStructure(): DemoStructure;
export function buildAllStructures(): DemoStructure[];
