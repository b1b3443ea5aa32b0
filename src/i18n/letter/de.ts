/** The family letter in German (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_DE: LetterTexts = {
  lang: 'de',
  name: 'Deutsch',
  nameFr: 'allemand',
  nameEn: 'German',
  rtl: false,

  'col.name': 'Name',
  'col.login': 'Benutzername',
  'col.code': 'Aktivierungscode',
  'col.qr': 'QR-Code',
  activated: 'Konto aktiviert',

  title: 'Anleitung',
  'activate.title': 'So aktivieren Sie ein Konto',
  step1: 'Öffnen Sie {url} oder scannen Sie den QR-Code des Kontos mit einem Handy.',
  'step1.noQr': 'Öffnen Sie {url}.',
  step2: 'Geben Sie den « Identifiant » (Benutzername) und den « Code d’activation » (Aktivierungscode) des Kontos ein und klicken Sie dann auf « Connexion » (Anmelden).',
  step3: 'Wählen Sie ein Passwort und bestätigen Sie es. {rule}',
  step4: 'Geben Sie Ihre E-Mail-Adresse an: So erhalten Sie einen Link, falls Sie Ihr Passwort vergessen. Akzeptieren Sie die Nutzungsordnung (« charte d’utilisation ») und klicken Sie dann auf « Activer » (Aktivieren).',
  'step4.required': 'Geben Sie Ihre E-Mail-Adresse an (sie ist Pflicht): So erhalten Sie einen Link, falls Sie Ihr Passwort vergessen. Akzeptieren Sie die Nutzungsordnung (« charte d’utilisation ») und klicken Sie dann auf « Activer » (Aktivieren).',
  'activated.title': 'Für ein bereits aktiviertes Konto',
  'activated.text': 'Melden Sie sich mit dem Benutzernamen und dem Passwort des Kontos an. Passwort vergessen? Klicken Sie auf der Anmeldeseite auf « Mot de passe oublié ? » (Passwort vergessen?) und folgen Sie dem Link, den Sie per E-Mail erhalten.',
  app: 'Auf dem Handy: die App ONE Pocket (App Store, Google Play), mit denselben Benutzernamen.',
  'help.school': 'Brauchen Sie Hilfe? Wenden Sie sich an die Schule.',
  'help.url': 'Brauchen Sie Hilfe? Besuchen Sie {url} oder wenden Sie sich an die Schule.',
  keep: 'Bewahren Sie diesen Brief auf: Den Benutzernamen brauchen Sie bei jeder Anmeldung. Die Codes und QR-Codes sind persönlich: Geben Sie sie nicht weiter.',
  'keep.noQr': 'Bewahren Sie diesen Brief auf: Den Benutzernamen brauchen Sie bei jeder Anmeldung. Die Codes sind persönlich: Geben Sie sie nicht weiter.',
  'rule.neutral': 'Die Passwortregeln werden auf dem Bildschirm angezeigt.',

  'relaunch.title': 'Sie haben Ihr ENT-Konto noch nicht aktiviert',
  'relaunch.titleMany': 'Sie haben Ihre ENT-Konten noch nicht aktiviert',
  'relaunch.since': 'Ihre Codes wurden Ihnen zum ersten Mal am {date} übergeben; hier sind sie noch einmal.',
  back: 'Anleitung auf Deutsch',

  rule: {
    min: (n) => `mindestens ${n} Zeichen`,
    range: (a, b) => (a > 1 ? `zwischen ${a} und ${b} Zeichen` : `höchstens ${b} Zeichen`),
    exact: (n) => `genau ${n} Zeichen`,
    upper: 'einen Großbuchstaben',
    lower: 'einen Kleinbuchstaben',
    letter: 'einen Buchstaben',
    digit: 'eine Ziffer',
    special: 'ein Sonderzeichen',
    among: (set) => `aus ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = '';
      if (length && needs.length) s = `Ihr Passwort muss ${length} lang sein und ${listWith(needs, 'und')} enthalten.`;
      else if (length) s = `Ihr Passwort muss ${length} lang sein.`;
      else if (needs.length) s = `Ihr Passwort muss mindestens ${listWith(needs, 'und')} enthalten.`;
      if (noSpace) s += `${s ? ' ' : ''}Leerzeichen sind nicht erlaubt.`;
      return s;
    },
  },
};
