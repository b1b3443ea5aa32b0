/**
 * Wording of the printed login sheets, cover pages and sign-off rosters.
 * Two dictionaries with identical keys (checked by test/unit/pdf-i18n.test.ts) and identical
 * `{placeholders}` per key. Fill them with `say(dict, 'key', { name: … })`.
 */
import { format, type Lang } from './french';

export const SHEETS_FR = {
  // the language of this dictionary (drives elision, agreement and spacing in `say`)
  'lang': 'fr',

  // profiles
  'profile.Student': 'Élève',
  'profile.Relative': 'Parent',
  'profile.Teacher': 'Enseignant',
  'profile.Personnel': 'Personnel',
  'profile.Guest': 'Invité',

  // who / what
  'for': 'Ce document s’adresse à',
  'inClasses': '{profile} en classe {de classes}',
  'parentOf': 'Parent {de children}',
  // a teacher's line says the class, not the profile (« Enseignant » would be wrong for half of them)
  'teacherOf': '{n|Classe|Classes} {de classes}',
  'childWithClass': '{name} ({class})',
  'and': ' et ',
  'listSep': ', ',

  // titles
  'title.first': 'Ma première connexion',
  'title.account': 'Informations sur mon compte',
  'title.teacher': 'Connexion à mon compte',

  // credentials
  'address.lead': 'Adresse de connexion : ',
  'address.short.lead': 'Connectez-vous sur : ',
  'address.dense.lead': 'Site : ',
  'login.lead': 'Identifiant : ',
  'code.lead': 'Code d’activation : ',

  // not activated: first connection
  'first.intro': 'Pour activer votre compte, suivez ces étapes :',
  'first.step1': 'Rendez-vous sur {url}',
  'first.step2': 'Saisissez votre identifiant et votre code d’activation, puis cliquez sur « Connexion ».',
  'first.step3': 'Choisissez votre mot de passe et confirmez-le. {rule}',
  'first.step4': 'Indiquez votre adresse courriel : elle vous permettra de recevoir un lien si vous oubliez votre mot de passe.',
  'first.step4.required': 'Indiquez votre adresse courriel (demandée à l’activation) : elle vous permettra de recevoir un lien si vous oubliez votre mot de passe.',
  'first.step5': 'Acceptez la charte d’utilisation, puis cliquez sur « Activer ».',
  // the denser variant at 8 per page (a card that would not hold everything otherwise)
  'first.dense': '1re connexion : identifiant et code, puis votre mot de passe. {rule}',
  'first.short': '1re connexion : saisissez l’identifiant et le code, puis choisissez votre mot de passe. {rule}',
  'password.neutral': 'Les règles du mot de passe s’affichent à l’écran.',
  'first.keep': 'Conservez ce document : votre identifiant vous servira à chaque connexion.',
  'qr.activate': 'Scannez pour activer',
  'qr.login': 'Scannez pour vous connecter',
  // under a smaller QR, when a card needs the room
  'qr.short': 'Scannez',
  'qr.secret': 'Code et QR code personnels : ne les communiquez pas.',
  'qr.secret.dense': 'Code et QR code : ne les communiquez pas.',
  'qr.tooLong': 'Pas de QR code sur cette fiche : l’identifiant est trop long pour un QR code. Saisissez-le à la main.',

  // activated: login reminder + forgotten password
  'activated.intro': 'Vous possédez déjà un compte. Votre identifiant de connexion est rappelé ci-dessous.',
  'activated.short': 'Compte activé.',
  'activated.keep': 'Conservez ce document : il rappelle votre identifiant.',
  'forgot.title': 'Mot de passe oublié ?',
  'forgot.step1': 'Sur {url}, cliquez sur « Mot de passe oublié ? ».',
  'forgot.step2': 'Saisissez votre identifiant, puis validez.',
  'forgot.step3': 'Suivez le lien reçu par courriel pour choisir un nouveau mot de passe.',
  'forgot.noMail': 'Sans adresse courriel enregistrée, ce lien ne peut pas vous parvenir : adressez-vous à l’école.',
  'forgot.dense': 'Mot de passe oublié ? Lien « Mot de passe oublié ? » de la page de connexion ; sans courriel enregistré, adressez-vous à l’école.',
  'forgot.short':
    'Mot de passe oublié ? Cliquez sur « Mot de passe oublié ? » sur la page de connexion et suivez le lien reçu par courriel. Sans courriel enregistré, adressez-vous à l’école.',
  'qr.site': 'Scannez pour accéder à l’ENT',

  // teachers
  'teacher.activated': 'Votre compte est activé : connectez-vous avec votre identifiant {ent} ci-dessous (ce n’est pas votre adresse courriel).',
  'teacher.academie':
    'Si votre académie le propose, vous pouvez aussi vous connecter avec votre compte académique, par le bouton de l’académie sur la page de connexion.',

  // the académie notice's short form at 8 per page (when the notice is the default one)
  'teacher.academie.short': 'Ou, si votre académie le propose : son bouton sur la page de connexion.',
  'teacher.academie.dense': 'Ou le bouton de votre académie, s’il existe.',

  // help, app
  'help.school': 'Besoin d’aide ? Adressez-vous à l’école.',
  'help.url': 'Besoin d’aide ? {url}, ou adressez-vous à l’école.',
  'app.one.dense': 'Appli ONE Pocket : même identifiant.',
  'app.one': 'Sur téléphone : l’application ONE Pocket (App Store, Google Play), avec le même identifiant.',

  // cover pages
  'cover.title': 'Fiches de connexion',
  'cover.class': 'Classe : {class}',
  'cover.teachers': '{n|Enseignant|Enseignants} : {names}',
  'cover.count': '{n} {n|fiche|fiches}',
  'cover.notActivated': '{n} {n|compte non activé|comptes non activés}',
  'cover.noEmail': '{n} sans adresse courriel',
  'cover.date': 'Imprimé le {date}',
  'noClass': 'Sans classe',

  // household packs
  'family.title': 'Famille {name}',
  'family.count': '{n} {n|fiche|fiches}',
  'family.header': 'Famille {name} — {n} {n|fiche|fiches} : {children}',
  'family.sheet': 'Famille {name} — fiche {i} sur {n}',
  'labels.title': 'Étiquettes des enveloppes',

  // roster
  'roster.title': 'Feuille d’émargement — {class}',
  'roster.lastName': 'Nom',
  'roster.firstName': 'Prénom',
  'roster.profile': 'Profil',
  'roster.login': 'Identifiant',
  'roster.given': 'Remis le',
  'roster.signature': 'Signature',
  'roster.footer': '{school} — {date}',
} as const;

export type SheetKey = keyof typeof SHEETS_FR;
export type SheetDict = Record<SheetKey, string>;

export const SHEETS_EN: SheetDict = {
  'lang': 'en',

  'profile.Student': 'Student',
  'profile.Relative': 'Parent',
  'profile.Teacher': 'Teacher',
  'profile.Personnel': 'Staff',
  'profile.Guest': 'Guest',

  'for': 'This document is for',
  'inClasses': '{profile} in class {classes}',
  'parentOf': 'Parent of {children}',
  'teacherOf': '{n|Class|Classes} {classes}',
  'childWithClass': '{name} ({class})',
  'and': ' and ',
  'listSep': ', ',

  'title.first': 'My first login',
  'title.account': 'My account details',
  'title.teacher': 'Logging in to my account',

  'address.lead': 'Login address: ',
  'address.short.lead': 'Log in at: ',
  'address.dense.lead': 'Site: ',
  'login.lead': 'Login: ',
  'code.lead': 'Activation code: ',

  'first.intro': 'To activate your account, follow these steps:',
  'first.step1': 'Go to {url}',
  'first.step2': 'Enter your login and your activation code, then click « Log in ».',
  'first.step3': 'Choose your password and confirm it. {rule}',
  'first.step4': 'Give your e-mail address: it lets you receive a link if you forget your password.',
  'first.step4.required': 'Give your e-mail address (asked at activation): it lets you receive a link if you forget your password.',
  'first.step5': 'Accept the terms of use, then click « Activate ».',
  'first.dense': 'First login: login and code, then your password. {rule}',
  'first.short': 'First login: enter the login and the code, then choose your password. {rule}',
  'password.neutral': 'The password rules are shown on screen.',
  'first.keep': 'Keep this document: you will log in with this login every time.',
  'qr.activate': 'Scan to activate',
  'qr.login': 'Scan to log in',
  'qr.short': 'Scan',
  'qr.secret': 'Personal code and QR code: do not share them.',
  'qr.secret.dense': 'Code and QR code: keep them private.',
  'qr.tooLong': 'No QR code on this sheet: the login is too long for a QR code. Type it in by hand.',

  'activated.intro': 'You already have an account. Your login is recalled below.',
  'activated.short': 'Account activated.',
  'activated.keep': 'Keep this document: it recalls your login.',
  'forgot.title': 'Forgot your password?',
  'forgot.step1': 'At {url}, click « Forgot password? ».',
  'forgot.step2': 'Enter your login, then confirm.',
  'forgot.step3': 'Follow the link you receive by e-mail to choose a new password.',
  'forgot.noMail': 'Without a registered e-mail address, that link cannot reach you: ask the school.',
  'forgot.dense': 'Forgot your password? « Forgot password? » on the login page; without a registered e-mail, ask the school.',
  'forgot.short':
    'Forgot your password? Click « Forgot password? » on the login page and follow the link received by e-mail. Without a registered e-mail, ask the school.',
  'qr.site': 'Scan to open the ENT',

  'teacher.activated': 'Your account is activated: log in with your {ent} login below (it is not your e-mail address).',
  'teacher.academie': 'If your académie offers it, you can also log in with your académie account, through the académie button on the login page.',

  'teacher.academie.short': 'Or, if your académie offers it: its button on the login page.',
  'teacher.academie.dense': 'Or your académie’s button, if any.',

  'help.school': 'Need help? Ask the school.',
  'help.url': 'Need help? {url}, or ask the school.',
  'app.one.dense': 'ONE Pocket app: same login.',
  'app.one': 'On a phone: the ONE Pocket app (App Store, Google Play), with the same login.',

  'cover.title': 'Login sheets',
  'cover.class': 'Class: {class}',
  'cover.teachers': '{n|Teacher|Teachers}: {names}',
  'cover.count': '{n} {n|sheet|sheets}',
  'cover.notActivated': '{n} {n|account|accounts} not activated',
  'cover.noEmail': '{n} without an e-mail address',
  'cover.date': 'Printed on {date}',
  'noClass': 'No class',

  'family.title': '{name} family',
  'family.count': '{n} {n|sheet|sheets}',
  'family.header': '{name} family — {n} {n|sheet|sheets}: {children}',
  'family.sheet': '{name} family — sheet {i} of {n}',
  'labels.title': 'Envelope labels',

  'roster.title': 'Sign-off sheet — {class}',
  'roster.lastName': 'Last name',
  'roster.firstName': 'First name',
  'roster.profile': 'Profile',
  'roster.login': 'Login',
  'roster.given': 'Handed out on',
  'roster.signature': 'Signature',
  'roster.footer': '{school} — {date}',
};

export const SHEET_DICTS: Record<'fr' | 'en', SheetDict> = { fr: SHEETS_FR, en: SHEETS_EN };

/** The dictionary's language. */
export const langOf = (d: SheetDict): Lang => (d.lang === 'en' ? 'en' : 'fr');

/**
 * One sheet string, filled and typeset through the French module (src/i18n/french.ts): elision
 * (`{de name}`), agreement (`{n|one|other}`) and no-break spaces in French.
 */
export function say(d: SheetDict, key: SheetKey, vars: Record<string, string | number> = {}): string {
  // Every card asks for the same instructions again: three regular-expression passes and the
  // typesetting each time were ~5 % of a 1,000-card render (issue 23). Remembered per dictionary,
  // only for the run's own words (rule, address, counts): names stay out of any memory kept between renders.
  let only: string | undefined;
  let n = 0;
  for (const v in vars) {
    if (typeof vars[v] !== 'number' && !RUN_VARS.has(v)) return format(langOf(d), d[key], vars);
    only = v;
    n++;
  }
  let memo = said.get(d);
  if (!memo) said.set(d, (memo = { plain: new Map(), one: new Map(), other: new Map(), size: 0 }));
  // no variable, or one string (the rule, the address): looked up by key, name and value, each a
  // string V8 has hashed already, where a JSON key was a new string to build and hash at every call
  const value = only === undefined ? undefined : vars[only];
  if (n === 0 || (n === 1 && typeof value === 'string')) {
    let byName = n ? memo.one.get(key) : undefined;
    if (n && !byName) memo.one.set(key, (byName = new Map()));
    let byValue = byName?.get(only!);
    if (byName && !byValue) byName.set(only!, (byValue = new Map()));
    let out = n ? byValue!.get(value as string) : memo.plain.get(key);
    if (out === undefined) {
      out = format(langOf(d), d[key], vars);
      if (memo.size++ > 4000) said.delete(d);
      if (n) byValue!.set(value as string, out);
      else memo.plain.set(key, out);
    }
    return out;
  }
  const k = `${key}\u0000${JSON.stringify(vars)}`;
  let out = memo.other.get(k);
  if (out === undefined) {
    out = format(langOf(d), d[key], vars);
    if (memo.size++ > 4000) said.delete(d);
    memo.other.set(k, out);
  }
  return out;
}
/** Per dictionary: strings without variables, with one string variable (by key, name, value), and the rest (by key and JSON). */
type Said = { plain: Map<string, string>; one: Map<string, Map<string, Map<string, string>>>; other: Map<string, string>; size: number };
const said = new WeakMap<SheetDict, Said>();
/** Variables that hold no one's name: the password rule, the ENT's address and name, the date. */
const RUN_VARS = new Set(['rule', 'url', 'ent', 'host', 'date']);

/**
 * Plain `{name}` substitution without typesetting (kept for the follow-up summary, src/pdf/summary.ts);
 * sheet strings go through {@link say}.
 */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
