// Deterministic demo data for the fake ONE/entcore console (no Math.random: seeded PRNG only).
// Internal records hold everything; the HTTP routes project them to the shapes of one-console.md.

export const DEMO_STRUCTURE_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const BIG_STRUCTURE_ID = 'a1b2c3d4-0000-4000-8000-000000000002';
export const EMPTY_STRUCTURE_ID = 'a1b2c3d4-0000-4000-8000-000000000003';

export const STRUCTURES = [
  { id: DEMO_STRUCTURE_ID, name: 'École élémentaire Jules Ferry', UAI: '0751234A' },
  { id: BIG_STRUCTURE_ID, name: 'Groupe scolaire Victor Hugo (grand)', UAI: '0757654B' },
  { id: EMPTY_STRUCTURE_ID, name: 'École vide', UAI: '0750000C' },
];

export const DEMO_CLASS_NAMES = ['CP A', 'CP B', 'CE1 A', 'CE1 B', 'CE2 A', 'CE2 B', 'CM1 A', 'CM1 B', 'CM2 A', 'CM2 B', 'CE2-CM1'];
export const BIG_STRUCTURE_ACCOUNTS = 5000;

/** Password of every activated account (non-activated accounts log in with their activation code). */
export const DEMO_PASSWORD = 'Motdepasse1!';

/** Logins of the accounts behind the test roles (see server `/__test/login?as=`). */
export const ROLE_LOGINS = {
  adml: 'francoise.lefevre',
  admc: 'admin.central',
  teacher: 'jean-baptiste.moreau',
  none: 'fatou.ndiaye',
  teacherNoClass: 'sylvie.marchal',
};

export const PROFILES = ['Student', 'Relative', 'Teacher', 'Personnel', 'Guest'];
export const PROFILE_FR = { Student: 'Élève', Relative: 'Parent', Teacher: 'Enseignant', Personnel: 'Personnel', Guest: 'Invité' };

// ---------------------------------------------------------------- PRNG
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRng(seed) {
  const r = mulberry32(seed);
  const rng = {
    next: r,
    int: (n) => Math.floor(r() * n),
    pick: (arr) => arr[Math.floor(r() * arr.length)],
    chance: (p) => r() < p,
    hex: (n) => { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)]; return s; },
    uuid: () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${'89ab'[Math.floor(r() * 4)]}${rng.hex(3)}-${rng.hex(12)}`,
    // entcore feeder/.../utils/Validator.java (`alphabet`, activationCodeGenerator): 8 characters,
    // lower case, none of i l o q u 0 1 2 (one-console.md §9).
    code: () => { const cs = 'abcdefghjkmnprstvwxyz3456789'; let s = ''; for (let i = 0; i < 8; i++) s += cs[Math.floor(r() * cs.length)]; return s; },
  };
  return rng;
}

// ---------------------------------------------------------------- names
const GIRLS = ['Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Léa', 'Manon', 'Inès', 'Zoé', 'Élodie', 'Anaïs', 'Maëlys', 'Léna', 'Juliette', 'Camille', 'Éloïse', 'Noémie', 'Héloïse', 'Clémence', 'Lou', 'Ambre', 'Sarah', 'Yasmine', 'Mélissa', 'Aïcha', 'Océane', 'Rose', 'Anna', 'Nour', 'Célia'];
const BOYS = ['Lucas', 'Gabriel', 'Léo', 'Raphaël', 'Louis', 'Arthur', 'Jules', 'Hugo', 'Noël', 'Maël', 'Théo', 'Nathan', 'Adam', 'Mathéo', 'Timothée', 'Valentin', 'Benoît', 'Jérôme', 'Loïc', 'Gaël', 'Rayan', 'Ismaël', 'Youssef', 'Mehdi', 'Tom', 'Sacha', 'Éthan', 'Côme', 'Aurélien', 'Joël'];
const ADULT_F = ['Nathalie', 'Isabelle', 'Sophie', 'Céline', 'Hélène', 'Émilie', 'Sandrine', 'Stéphanie', 'Aurélie', 'Véronique', 'Karima', 'Marie-Hélène', 'Anne-Sophie', 'Géraldine', 'Agnès'];
const ADULT_M = ['Thierry', 'Stéphane', 'Frédéric', 'Jérémie', 'Sébastien', 'François', 'Olivier', 'Karim', 'Jean-Marc', 'Pierre-Yves', 'Hervé', 'Grégory', 'Rémi', 'Cédric', 'Jean-François'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martínez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Müller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sánchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Pérez', 'Marchand', 'Dufour', 'Blanchard', 'Brun', 'Benoît', 'Bréhier', 'Lefébure', "D'Almeida", "O'Connor", 'Le Gall', 'De La Fontaine', 'Bouchaïb', 'Benali', 'Haddad', 'Kaczmarek', 'Da Silva', 'Ferreira', 'Çelik', 'Diallo', 'Traoré', 'Kouassi', 'Pham', 'Lê', 'Cœurderoy', 'Hébert', 'Lévêque', 'Fèvre', 'Bæhr'];

export function asciiSlug(s) {
  return s
    .replace(/[æÆ]/g, 'ae').replace(/[œŒ]/g, 'oe').replace(/[łŁ]/g, 'l').replace(/ß/g, 'ss').replace(/[ıİ]/g, 'i').replace(/[đĐ]/g, 'd')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/['’]/g, '').replace(/\s+/g, '-').replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------- dates
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** Joda-like ISO string as Neo4j stores `u.created` (e.g. 2025-09-01T08:12:33.123+02:00). */
function isoFromParts(y, m, d, hh, mm, ss, ms) {
  const off = m >= 4 && m <= 10 ? '+02:00' : '+01:00';
  return `${y}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(ms, 3)}${off}`;
}
function randomCreated(rng) {
  // Two school years: rentrée 2025 (most accounts), arrivals during 2025-26, rentrée 2026 (Aug→Nov).
  const x = rng.next();
  let y, m, d;
  if (x < 0.55) { y = 2025; m = rng.chance(0.5) ? 8 : 9; d = m === 8 ? 25 + rng.int(7) : 1 + rng.int(15); }
  else if (x < 0.8) { const mi = rng.int(10); y = mi < 4 ? 2025 : 2026; m = mi < 4 ? 9 + mi : mi - 3; d = 1 + rng.int(28); }
  else { y = 2026; m = 8 + rng.int(4); d = 1 + rng.int(28); }
  return isoFromParts(y, m, d, 7 + rng.int(11), rng.int(60), rng.int(60), rng.int(1000));
}

// ---------------------------------------------------------------- generator
class Builder {
  constructor(structure, seed, takenLogins) {
    this.structure = structure;
    this.rng = makeRng(seed);
    this.taken = takenLogins; // Set shared across structures: logins are platform-unique
    this.users = [];
    this.classes = [];
  }
  addClass(name) {
    const level = name.includes('-') ? name.split('-')[0] : name.split(' ')[0];
    const c = { id: this.rng.uuid(), name, level, structureId: this.structure.id };
    this.classes.push(c);
    return c;
  }
  login(firstName, lastName) {
    const f = asciiSlug(firstName) || 'user';
    const l = asciiSlug(lastName) || 'one';
    const base = `${f}.${l}`;
    let login = base;
    for (let i = 1; this.taken.has(login); i++) login = `${base}${i}`;
    this.taken.add(login);
    return login;
  }
  /** o: {profile, firstName, lastName, classes?, activated?, email?, blocked?, functions?, alias?, created?, level?} */
  addUser(o) {
    const rng = this.rng;
    const activated = o.activated ?? rng.chance(o.profile === 'Student' ? 0.4 : 0.6);
    const login = o.login ?? this.login(o.firstName, o.lastName);
    this.taken.add(login);
    let email = o.email;
    if (email === undefined) {
      const p = o.profile === 'Student' ? 0.08 : activated ? 0.8 : 0.3;
      email = rng.chance(p) ? `${login}@${rng.pick(['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'ac-paris.fr'])}` : null;
    }
    let loginAlias = o.alias ?? null;
    if (o.alias === undefined && activated && o.profile !== 'Student' && rng.chance(0.07)) {
      loginAlias = `${asciiSlug(o.firstName).slice(0, 1) || 'u'}${asciiSlug(o.lastName).replace(/-/g, '') || 'one'}`;
      for (let i = 2; this.taken.has(loginAlias); i++) loginAlias = loginAlias.replace(/\d*$/, String(i));
      this.taken.add(loginAlias);
    }
    const classes = (o.classes ?? []).map((c) => c.id);
    const u = {
      id: o.id ?? rng.uuid(),
      profile: o.profile,
      firstName: o.firstName,
      lastName: o.lastName,
      displayName: `${o.firstName} ${o.lastName}`,
      login,
      loginAlias,
      activationCode: activated ? null : rng.code(),
      password: activated ? DEMO_PASSWORD : null,
      email,
      classes,
      structures: [this.structure.id],
      created: o.created ?? randomCreated(rng),
      blocked: o.blocked ?? rng.chance(0.025),
      functions: o.functions ?? [],
      children: [],
      parents: [],
      level: o.level ?? (o.profile === 'Student' && o.classes?.length ? o.classes[0].level : null),
      classAdmin: o.classAdmin ?? false,
    };
    this.users.push(u);
    return u;
  }
  link(parent, child) {
    parent.children.push(child.id);
    child.parents.push(parent.id);
  }
  /** A family: children in the given classes, 1 or 2 guardians sharing them. */
  family({ lastName, kids, guardians }) {
    const kidUsers = kids.map((k) => this.addUser({ profile: 'Student', lastName: k.lastName ?? lastName, ...k }));
    const gUsers = guardians.map((g) => this.addUser({ profile: 'Relative', lastName: g.lastName ?? lastName, ...g }));
    for (const g of gUsers) for (const k of kidUsers) this.link(g, k);
    return { kids: kidUsers, guardians: gUsers };
  }
  randomFamilies(slots, { twoGuardians = 0.7, siblingRate = 0.18, lastNames = LAST } = {}) {
    const rng = this.rng;
    const queue = slots.slice();
    while (queue.length) {
      const lastName = rng.pick(lastNames);
      const size = queue.length > 1 && rng.chance(siblingRate) ? (rng.chance(0.2) ? 3 : 2) : 1;
      const first = queue.shift();
      const kidClasses = [first];
      for (let k = 1; k < size; k++) {
        const idx = queue.findIndex((c) => c && !kidClasses.includes(c)); // siblings: different classes
        if (idx < 0) break;
        kidClasses.push(queue.splice(idx, 1)[0]);
      }
      const kids = kidClasses.map((c) => ({ firstName: rng.chance(0.5) ? rng.pick(GIRLS) : rng.pick(BOYS), classes: c ? [c] : [] }));
      const guardians = [{ firstName: rng.pick(ADULT_F), lastName: rng.chance(0.25) ? rng.pick(lastNames) : lastName }];
      if (rng.chance(twoGuardians)) guardians.push({ firstName: rng.pick(ADULT_M) });
      this.family({ lastName, kids, guardians });
    }
  }
  randomAdult(profile, extra = {}) {
    const rng = this.rng;
    return this.addUser({ profile, firstName: rng.chance(0.6) ? rng.pick(ADULT_F) : rng.pick(ADULT_M), lastName: rng.pick(LAST), ...extra });
  }
  result() {
    // entcore puts a Relative in the class profile groups of their children (the feeder links the
    // relative to each child's classes), so allUsers and class/:id/users list parents in those
    // classes (DefaultMassMailService.massMailAllUsersByStructure, DefaultClassService.findUsers).
    const byId = new Map(this.users.map((u) => [u.id, u]));
    for (const u of this.users) {
      if (u.profile !== 'Relative') continue;
      for (const cid of u.children.flatMap((id) => byId.get(id)?.classes ?? [])) if (!u.classes.includes(cid)) u.classes.push(cid);
    }
    return { ...this.structure, classes: this.classes, users: this.users };
  }
}

function shuffled(rng, arr) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = rng.int(i + 1); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}

function buildDemoInto(taken) {
  const b = new Builder(STRUCTURES[0], 20250901, taken);
  const cls = Object.fromEntries(DEMO_CLASS_NAMES.map((n) => [n, b.addClass(n)]));
  const scopeAll = [DEMO_STRUCTURE_ID, BIG_STRUCTURE_ID, EMPTY_STRUCTURE_ID];
  const adml = (scope = [DEMO_STRUCTURE_ID]) => [['ADMIN_LOCAL', scope]];

  // --- role accounts and hand-written staff
  b.addUser({ profile: 'Personnel', firstName: 'Françoise', lastName: 'Lefèvre', login: ROLE_LOGINS.adml, activated: true, email: 'francoise.lefevre@ac-paris.fr', blocked: false, functions: adml(scopeAll), created: isoFromParts(2025, 8, 25, 9, 0, 0, 0) });
  b.addUser({ profile: 'Personnel', firstName: 'Administrateur', lastName: 'Central', login: ROLE_LOGINS.admc, activated: true, email: 'admc@one1d.fr', blocked: false, functions: [['SUPER_ADMIN', []]], created: isoFromParts(2025, 8, 25, 8, 0, 0, 0) });
  b.addUser({ profile: 'Teacher', firstName: 'Jean-Baptiste', lastName: 'Moreau', login: ROLE_LOGINS.teacher, classes: [cls['CE1 A'], cls['CE2-CM1']], activated: true, email: 'jb.moreau@ac-paris.fr', blocked: false, classAdmin: true, alias: 'jbmoreau', created: isoFromParts(2025, 8, 26, 10, 0, 0, 0) });
  b.addUser({ profile: 'Teacher', firstName: 'Lætitia', lastName: 'Cœur', classes: [cls['CM2 B']], activated: true, email: 'laetitia.coeur@ac-paris.fr', blocked: false, functions: adml(), classAdmin: true });
  b.addUser({ profile: 'Personnel', firstName: 'Noël', lastName: 'Le Gall-Kerouac', activated: false, email: null, blocked: false, functions: adml() });
  b.addUser({ profile: 'Teacher', firstName: 'Małgorzata', lastName: 'Kowalska', classes: [cls['CP A'], cls['CP B']], activated: false, email: 'm.kowalska@ac-paris.fr', classAdmin: true });
  b.addUser({ profile: 'Teacher', firstName: 'Gülşen', lastName: 'Öztürk', classes: [], activated: true, email: null });
  const otherClasses = DEMO_CLASS_NAMES.filter((n) => !['CE1 A', 'CE2-CM1', 'CM2 B'].includes(n));
  for (const n of otherClasses) b.randomAdult('Teacher', { classes: [cls[n]], classAdmin: true });
  for (let i = 0; i < 5; i++) b.randomAdult('Personnel', i === 0 ? { classes: [cls['CP A']] } : {});
  b.addUser({ profile: 'Guest', firstName: 'Zoé', lastName: 'Dupont <b>test</b>', activated: false, email: 'zoe.dupont@example.test', blocked: false });
  b.addUser({ profile: 'Guest', firstName: 'Çağrı', lastName: 'Şahin', activated: true, email: 'cagri.sahin@example.test' });
  for (let i = 0; i < 3; i++) b.randomAdult('Guest', i === 0 ? { classes: [cls['CM1 A']] } : { blocked: i === 2 });

  // --- hand-written families (siblings in different classes share the same guardians)
  b.family({ lastName: "N'Diaye", kids: [{ firstName: 'Aïssatou', classes: [cls['CP A']], activated: false }, { firstName: 'Moussa', classes: [cls['CM2 B']], activated: true }],
    guardians: [{ firstName: 'Fatou', login: ROLE_LOGINS.none, activated: true, email: 'fatou.ndiaye@example.test', blocked: false }, { firstName: 'Ibrahima', activated: false, email: null }] });
  b.family({ lastName: 'Żółkiewski', kids: [{ firstName: 'Łukasz', classes: [cls['CE2 A']] }], guardians: [{ firstName: 'Małgorzata', lastName: 'Żółkiewska', activated: false, email: 'malgorzata.z@example.test' }] });
  b.family({ lastName: 'Nguyễn', kids: [{ firstName: 'Thị Hương', classes: [cls['CE1 B']] }, { firstName: 'Văn Minh', classes: [cls['CM1 B']] }],
    guardians: [{ firstName: 'Thị Lan', lastName: 'Trần', activated: true, email: 'tran.lan@example.test' },
      // the sheets' hard case: a 70-character name and a 46-character login (issue 20), not activated
      { firstName: 'Charles-Édouard', lastName: 'de Montmorency-Laval-Saint-Germain-des-Prés de La Tour', login: 'charles-edouard.demontmorencylavalsaintgermain', activated: false, email: null }] });
  b.family({ lastName: 'Şahin', kids: [{ firstName: 'İlayda', classes: [cls['CE2-CM1']] }, { firstName: 'Çağrı', classes: [cls['CP B']] }],
    guardians: [{ firstName: 'Gülşen', lastName: 'Öztürk', activated: false, email: 'gulsen.ozturk@example.test' }] });
  b.family({ lastName: 'العلي', kids: [{ firstName: 'محمد', classes: [cls['CM1 A']] }], guardians: [{ firstName: 'فاطمة', activated: false, email: null }, { firstName: 'أحمد', activated: true, email: 'ahmed.alali@example.test' }] });
  b.family({ lastName: "D'Almeida", kids: [{ firstName: 'Jean-Baptiste', classes: [cls['CE2 B']] }, { firstName: 'Chloé', classes: [cls['CE2-CM1']] }, { firstName: 'Lætitia', classes: [cls['CP B']] }],
    guardians: [{ firstName: 'Élodie', activated: true, email: 'elodie.dalmeida@example.test' }, { firstName: 'Noël', lastName: 'Le Gall-Kerouac', activated: true, email: null }] });
  b.family({ lastName: 'Martin', kids: [{ firstName: 'Emma', classes: [cls['CM2 A']] }], guardians: [{ firstName: 'Sophie', activated: true }] });
  b.family({ lastName: 'Martin', kids: [{ firstName: 'Emma', classes: [cls['CE1 A']] }], guardians: [{ firstName: 'Céline', activated: false }, { firstName: 'Olivier', activated: true }] });
  // a student without any class (newly arrived, not yet placed)
  b.family({ lastName: 'Cœurderoy', kids: [{ firstName: 'Maëlys', classes: [], activated: false, level: 'CE1' }], guardians: [{ firstName: 'Anne-Sophie', activated: false, email: 'as.coeurderoy@example.test' }] });

  // --- random families filling the classes (~12 students per class)
  const counts = Object.fromEntries(DEMO_CLASS_NAMES.map((n) => [n, b.users.filter((u) => u.profile === 'Student' && u.classes.includes(cls[n].id)).length]));
  const slots = [];
  for (const n of DEMO_CLASS_NAMES) for (let i = counts[n]; i < (n === 'CE2-CM1' ? 10 : 12); i++) slots.push(cls[n]);
  b.randomFamilies(shuffled(b.rng, slots), { twoGuardians: 0.4, siblingRate: 0.2 });
  // A new teacher with the class-admin right (CLASS_ADMIN function on the school) but no class yet:
  // the real class-admin page offers her a class chooser. Every field given: no draw from the PRNG.
  b.addUser({ id: 'a1b2c3d4-0000-4000-8000-00000000c1a5', profile: 'Teacher', firstName: 'Sylvie', lastName: 'Marchal', login: ROLE_LOGINS.teacherNoClass,
    classes: [], activated: true, email: 'sylvie.marchal@ac-paris.fr', blocked: false, alias: null, classAdmin: true,
    functions: [['CLASS_ADMIN', [DEMO_STRUCTURE_ID]]], created: isoFromParts(2026, 9, 1, 8, 30, 0, 0) });
  return b.result();
}

export function buildDemoSchool() {
  return buildDemoInto(new Set());
}

export function buildBigStructure() {
  const taken = new Set();
  buildDemoInto(taken);
  return buildBigInto(taken);
}

function buildBigInto(taken) {
  const b = new Builder(STRUCTURES[1], 19021802, taken);
  const levels = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];
  const classes = [];
  for (const l of levels) for (const letter of 'ABCDEFGHIJKLMN') classes.push(b.addClass(`${l} ${letter}`));
  classes.push(b.addClass('CE2-CM1 A'), b.addClass('CM1-CM2 B'), b.addClass('ULIS'));
  for (const c of classes) b.randomAdult('Teacher', { classes: [c], classAdmin: true });
  for (let i = 0; i < 60; i++) b.randomAdult('Personnel');
  const slots = [];
  for (const c of classes) for (let i = 0; i < 26; i++) slots.push(c);
  b.randomFamilies(shuffled(b.rng, slots), { twoGuardians: 0.75, siblingRate: 0.1 });
  while (b.users.length < BIG_STRUCTURE_ACCOUNTS) b.randomAdult('Guest');
  if (b.users.length > BIG_STRUCTURE_ACCOUNTS) throw new Error(`big structure overflow: ${b.users.length}`);
  return b.result();
}

export function buildEmptyStructure() {
  return { ...STRUCTURES[2], classes: [], users: [] };
}

/** All three structures, logins unique across them. */
export function buildAllStructures() {
  const taken = new Set();
  const demo = buildDemoInto(taken);
  const big = buildBigInto(taken);
  return [demo, big, buildEmptyStructure()];
}

/** Class names of the demo school (for tests). */
export const DEMO_CLASSES = DEMO_CLASS_NAMES;
