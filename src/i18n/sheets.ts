/**
 * Wording of the printed login sheets, cover pages and sign-off rosters.
 * Two dictionaries with identical keys (checked by test/unit/pdf-i18n.test.ts) and identical
 * `{placeholders}` per key. Fill them with `fmt(dict.key, { name: … })`.
 */

export const SHEETS_FR = {
  // profiles
  'profile.Student': 'Élève',
  'profile.Relative': 'Parent',
  'profile.Teacher': 'Enseignant',
  'profile.Personnel': 'Personnel',
  'profile.Guest': 'Invité',

  // who / what
  'for': "Ce document s'adresse à",
  'inClasses': '{profile} en classe de {classes}',
  'parentOf': 'Parent de {children}',
  'childWithClass': '{name} ({class})',
  'and': ' et ',
  'listSep': ', ',

  // titles
  'title.first': 'Ma première connexion',
  'title.account': 'Informations sur mon compte',
  'title.teacher': 'Connexion à mon compte',

  // credentials
  'address': 'Adresse de connexion : {url}',
  'address.short': 'Connectez-vous sur : {url}',
  'login': 'Identifiant : {login}',
  'code': "Code d'activation : {code}",

  // not activated: first connection
  'first.intro': 'Pour activer votre compte, suivez ces étapes :',
  'first.step1': 'Rendez-vous sur {url}',
  'first.step2': "Saisissez votre identifiant et votre code d'activation, puis cliquez sur « Connexion ».",
  'first.step3':
    "Choisissez un mot de passe d'au moins 8 caractères, avec au moins une majuscule, une minuscule et un chiffre.",
  'first.step4': 'Indiquez votre adresse e-mail : elle vous permettra de retrouver votre mot de passe en cas d’oubli.',
  'first.step5': "Acceptez la charte d'utilisation, puis cliquez sur « Activer ».",
  'first.short':
    "1re connexion : saisissez identifiant et code, choisissez un mot de passe (8 caractères min., avec majuscule, minuscule et chiffre), indiquez une adresse e-mail et acceptez la charte d'utilisation.",
  'first.keep': "Conservez ce document : le code d'activation ne sert qu'une fois.",
  'qr.activate': 'Scannez pour activer',
  'qr.secret': "Ce QR code est aussi confidentiel que le code d'activation.",

  // activated: login reminder + forgotten password
  'activated.intro': 'Vous possédez déjà un compte. Votre identifiant de connexion est rappelé ci-dessous.',
  'activated.short': 'Vous possédez déjà un compte.',
  'forgot.title': 'Mot de passe oublié ?',
  'forgot.step1': 'Rendez-vous sur {url}',
  'forgot.step2': 'Cliquez sur « Mot de passe oublié ».',
  'forgot.step3': 'Saisissez votre identifiant.',
  'forgot.step4': 'Cliquez sur « Envoyer ».',
  'forgot.step5': 'Suivez le lien reçu par e-mail pour choisir un nouveau mot de passe.',
  'forgot.noMail':
    "Sans adresse e-mail enregistrée, la demande est transmise à l'enseignant de la classe ou au directeur de l'école.",
  'forgot.short':
    "Mot de passe oublié ? Sur la page de connexion, cliquez sur « Mot de passe oublié », saisissez votre identifiant puis « Envoyer » et suivez le lien reçu par e-mail (sans e-mail : l'enseignant de la classe ou le directeur de l'école).",
  'qr.site': "Scannez pour accéder à l'ENT",

  // teachers
  'teacher.academie': "Votre compte est activé par l'académie : connectez-vous avec votre identifiant académique.",

  // cover pages
  'cover.title': 'Fiches de connexion',
  'cover.class': 'Classe : {class}',
  'cover.count.one': '{n} fiche',
  'cover.count.many': '{n} fiches',
  'cover.date': 'Imprimé le {date}',
  'noClass': 'Sans classe',

  // roster
  'roster.title': "Feuille d'émargement — {class}",
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
  'profile.Student': 'Student',
  'profile.Relative': 'Parent',
  'profile.Teacher': 'Teacher',
  'profile.Personnel': 'Staff',
  'profile.Guest': 'Guest',

  'for': 'This document is for',
  'inClasses': '{profile} in class {classes}',
  'parentOf': 'Parent of {children}',
  'childWithClass': '{name} ({class})',
  'and': ' and ',
  'listSep': ', ',

  'title.first': 'My first login',
  'title.account': 'My account details',
  'title.teacher': 'Logging in to my account',

  'address': 'Login address: {url}',
  'address.short': 'Log in at: {url}',
  'login': 'Login: {login}',
  'code': 'Activation code: {code}',

  'first.intro': 'To activate your account, follow these steps:',
  'first.step1': 'Go to {url}',
  'first.step2': 'Enter your login and your activation code, then click « Log in ».',
  'first.step3': 'Choose a password of at least 8 characters, with at least one upper-case letter, one lower-case letter and one digit.',
  'first.step4': 'Give your e-mail address: it lets you recover your password if you forget it.',
  'first.step5': 'Accept the terms of use, then click « Activate ».',
  'first.short':
    'First login: enter login and code, choose a password (at least 8 characters, with upper case, lower case and a digit), give an e-mail address and accept the terms of use.',
  'first.keep': 'Keep this document: the activation code can be used only once.',
  'qr.activate': 'Scan to activate',
  'qr.secret': 'This QR code is as confidential as the activation code.',

  'activated.intro': 'You already have an account. Your login is recalled below.',
  'activated.short': 'You already have an account.',
  'forgot.title': 'Forgot your password?',
  'forgot.step1': 'Go to {url}',
  'forgot.step2': 'Click « Forgot password ».',
  'forgot.step3': 'Enter your login.',
  'forgot.step4': 'Click « Send ».',
  'forgot.step5': 'Follow the link you receive by e-mail to choose a new password.',
  'forgot.noMail': 'Without a registered e-mail address, the request goes to the class teacher or the school director.',
  'forgot.short':
    'Forgot your password? On the login page, click « Forgot password », enter your login, then « Send » and follow the link received by e-mail (without e-mail: the class teacher or the school director).',
  'qr.site': 'Scan to open the ENT',

  'teacher.academie': 'Your account is activated by the académie: log in with your académie login.',

  'cover.title': 'Login sheets',
  'cover.class': 'Class: {class}',
  'cover.count.one': '{n} sheet',
  'cover.count.many': '{n} sheets',
  'cover.date': 'Printed on {date}',
  'noClass': 'No class',

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

/** Replace `{name}` placeholders; unknown placeholders are left as is. */
export function fmt(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
