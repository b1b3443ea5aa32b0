/** The family letter in Romanian (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_RO: LetterTexts = {
  lang: 'ro',
  name: 'Română',
  nameFr: 'roumain',
  nameEn: 'Romanian',
  rtl: false,

  'col.name': 'Nume',
  'col.login': 'Utilizator',
  'col.code': 'Cod de activare',
  'col.qr': 'Cod QR',
  activated: 'cont activat',

  title: 'Instrucțiuni',
  'activate.title': 'Pentru a activa un cont',
  step1: 'Accesați {url} sau scanați codul QR al contului cu un telefon.',
  'step1.noQr': 'Accesați {url}.',
  step2: 'Introduceți « Identifiant » (utilizatorul) și « Code d’activation » (codul de activare) ale contului, apoi faceți clic pe « Connexion » (Conectare).',
  step3: 'Alegeți o parolă și confirmați-o. {rule}',
  step4: 'Introduceți adresa dumneavoastră de e-mail: vă permite să primiți un link dacă uitați parola. Acceptați regulamentul de utilizare (« charte d’utilisation »), apoi faceți clic pe « Activer » (Activare).',
  'step4.required': 'Introduceți adresa dumneavoastră de e-mail (este obligatorie): vă permite să primiți un link dacă uitați parola. Acceptați regulamentul de utilizare (« charte d’utilisation »), apoi faceți clic pe « Activer » (Activare).',
  'activated.title': 'Pentru un cont deja activat',
  'activated.text': 'Conectați-vă cu utilizatorul și parola contului. Ați uitat parola? Faceți clic pe « Mot de passe oublié ? » (Ați uitat parola?) pe pagina de conectare, apoi urmați linkul primit prin e-mail.',
  app: 'Pe telefon: aplicația ONE Pocket (App Store, Google Play), cu aceiași utilizatori.',
  'help.school': 'Aveți nevoie de ajutor? Adresați-vă școlii.',
  'help.url': 'Aveți nevoie de ajutor? Consultați {url} sau adresați-vă școlii.',
  keep: 'Păstrați această scrisoare: utilizatorul vă trebuie la fiecare conectare. Codurile și codurile QR sunt personale: nu le comunicați nimănui.',
  'keep.noQr': 'Păstrați această scrisoare: utilizatorul vă trebuie la fiecare conectare. Codurile sunt personale: nu le comunicați nimănui.',
  'rule.neutral': 'Regulile parolei sunt afișate pe ecran.',

  'relaunch.title': 'Nu v-ați activat încă contul ENT',
  'relaunch.titleMany': 'Nu v-ați activat încă conturile ENT',
  'relaunch.since': 'Codurile v-au fost înmânate prima dată pe {date}; iată-le din nou.',
  back: 'Instrucțiuni în limba română',

  rule: {
    min: (n) => `cel puțin ${n} caractere`,
    range: (a, b) => (a > 1 ? `între ${a} și ${b} caractere` : `cel mult ${b} caractere`),
    exact: (n) => `exact ${n} caractere`,
    upper: 'o literă mare',
    lower: 'o literă mică',
    letter: 'o literă',
    digit: 'o cifră',
    special: 'un caracter special',
    among: (set) => `dintre ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = '';
      if (length && needs.length) s = `Parola trebuie să conțină ${length}, dintre care ${listWith(needs, 'și')}.`;
      else if (length) s = `Parola trebuie să conțină ${length}.`;
      else if (needs.length) s = `Parola trebuie să conțină cel puțin ${listWith(needs, 'și')}.`;
      if (noSpace) s += `${s ? ' ' : ''}Parola nu trebuie să conțină spații.`;
      return s;
    },
  },
};
