/** The family letter in French: always printed, first (see types.ts). */
import { listWith, type LetterTexts } from './types';

export const LETTER_FR: LetterTexts = {
  lang: 'fr',
  name: 'Français',
  nameFr: 'français',
  nameEn: 'French',
  rtl: false,

  'col.name': 'Nom',
  'col.login': 'Identifiant',
  'col.code': 'Code d’activation',
  'col.qr': 'QR code',
  activated: 'compte activé',

  title: 'Mode d’emploi',
  'activate.title': 'Pour activer un compte',
  step1: 'Rendez-vous sur {url}, ou scannez le QR code du compte avec un téléphone.',
  'step1.noQr': 'Rendez-vous sur {url}.',
  step2: 'Saisissez l’identifiant et le code d’activation du compte, puis cliquez sur « Connexion ».',
  step3: 'Choisissez un mot de passe et confirmez-le. {rule}',
  step4: 'Indiquez votre adresse courriel : elle sert à recevoir un lien si vous oubliez votre mot de passe. Acceptez la charte d’utilisation, puis cliquez sur « Activer ».',
  'step4.required': 'Indiquez votre adresse courriel (elle est demandée) : elle sert à recevoir un lien si vous oubliez votre mot de passe. Acceptez la charte d’utilisation, puis cliquez sur « Activer ».',
  'activated.title': 'Pour un compte déjà activé',
  'activated.text': 'Connectez-vous avec son identifiant et son mot de passe. Mot de passe oublié ? Cliquez sur « Mot de passe oublié ? » sur la page de connexion, puis suivez le lien reçu par courriel.',
  app: 'Sur téléphone : l’application ONE Pocket (App Store, Google Play), avec les mêmes identifiants.',
  'help.school': 'Besoin d’aide ? Adressez-vous à l’école.',
  'help.url': 'Besoin d’aide ? {url}, ou adressez-vous à l’école.',
  keep: 'Conservez cette lettre : l’identifiant sert à chaque connexion. Les codes et les QR codes sont personnels : ne les communiquez pas.',
  'keep.noQr': 'Conservez cette lettre : l’identifiant sert à chaque connexion. Les codes sont personnels : ne les communiquez pas.',
  'rule.neutral': 'Les règles du mot de passe s’affichent à l’écran.',

  'relaunch.title': 'Vous n’avez pas encore activé votre compte ENT',
  'relaunch.titleMany': 'Vous n’avez pas encore activé vos comptes ENT',
  'relaunch.since': 'Vos codes vous ont été remis une première fois le {date} ; les voici de nouveau.',
  back: 'Mode d’emploi',

  rule: {
    min: (n) => `au moins ${n} caractères`,
    range: (a, b) => (a > 1 ? `entre ${a} et ${b} caractères` : `au plus ${b} caractères`),
    exact: (n) => `exactement ${n} caractères`,
    upper: 'une majuscule',
    lower: 'une minuscule',
    letter: 'une lettre',
    digit: 'un chiffre',
    special: 'un caractère spécial',
    among: (set) => `parmi ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = 'Votre mot de passe doit';
      if (length && needs.length) s += ` contenir ${length}, dont ${listWith(needs, 'et')}`;
      else if (length) s += ` contenir ${length}`;
      else if (needs.length) s += ` contenir au moins ${listWith(needs, 'et')}`;
      if (noSpace) s += length || needs.length ? ', sans espace' : ' être sans espace';
      return `${s}.`;
    },
  },
};
