/** The family letter in English (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_EN: LetterTexts = {
  lang: 'en',
  name: 'English',
  nameFr: 'anglais',
  nameEn: 'English',
  rtl: false,

  'col.name': 'Name',
  'col.login': 'Login',
  'col.code': 'Activation code',
  'col.qr': 'QR code',
  activated: 'account activated',

  title: 'How to use',
  'activate.title': 'To activate an account',
  step1: 'Go to {url}, or scan the account’s QR code with a phone.',
  'step1.noQr': 'Go to {url}.',
  step2: 'Enter the account’s « Identifiant » (login) and « Code d’activation » (activation code), then click « Connexion » (Log in).',
  step3: 'Choose a password and confirm it. {rule}',
  step4: 'Enter your e-mail address: it lets you receive a link if you forget your password. Accept the terms of use (« charte d’utilisation »), then click « Activer » (Activate).',
  'step4.required': 'Enter your e-mail address (it is required): it lets you receive a link if you forget your password. Accept the terms of use (« charte d’utilisation »), then click « Activer » (Activate).',
  'activated.title': 'For an account already activated',
  'activated.text': 'Log in with its login and its password. Forgot the password? Click « Mot de passe oublié ? » (Forgot password?) on the login page, then follow the link you receive by e-mail.',
  app: 'On a phone: the ONE Pocket app (App Store, Google Play), with the same logins.',
  'help.school': 'Need help? Ask the school.',
  'help.url': 'Need help? {url}, or ask the school.',
  keep: 'Keep this letter: the login is needed every time you log in. The codes and QR codes are personal: do not share them.',
  'keep.noQr': 'Keep this letter: the login is needed every time you log in. The codes are personal: do not share them.',
  'rule.neutral': 'The password rules are shown on the screen.',

  'relaunch.title': 'You have not activated your ENT account yet',
  'relaunch.titleMany': 'You have not activated your ENT accounts yet',
  'relaunch.since': 'Your codes were first handed to you on {date}; here they are again.',
  back: 'Instructions in English',

  rule: {
    min: (n) => `at least ${n} characters`,
    range: (a, b) => (a > 1 ? `between ${a} and ${b} characters` : `at most ${b} characters`),
    exact: (n) => `exactly ${n} characters`,
    upper: 'one upper-case letter',
    lower: 'one lower-case letter',
    letter: 'one letter',
    digit: 'one digit',
    special: 'one special character',
    among: (set) => `among ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = 'Your password must';
      if (length && needs.length) s += ` contain ${length}, including ${listWith(needs, 'and')}`;
      else if (length) s += ` contain ${length}`;
      else if (needs.length) s += ` contain at least ${listWith(needs, 'and')}`;
      if (noSpace) s += length || needs.length ? ', with no space' : ' have no space';
      return `${s}.`;
    },
  },
};
