/**
 * The family letter in Polish, its steps in the infinitive as Polish instructions are written, the
 * reader addressed as « Państwo » (see types.ts: the ENT's French words kept, translated in brackets).
 */
import { listWith, type LetterTexts } from './types';

/** « 1 znak », « 2 znaki », « 5 znaków », « 22 znaki ». */
const znak = (n: number): string => (n === 1 ? 'znak' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'znaki' : 'znaków');

export const LETTER_PL: LetterTexts = {
  lang: 'pl',
  name: 'Polski',
  nameFr: 'polonais',
  nameEn: 'Polish',
  rtl: false,

  'col.name': 'Imię i nazwisko',
  'col.login': 'Login',
  'col.code': 'Kod aktywacyjny',
  'col.qr': 'Kod QR',
  activated: 'konto aktywne',

  title: 'Instrukcja',
  'activate.title': 'Aby aktywować konto',
  step1: 'Wejść na stronę {url} lub zeskanować telefonem kod QR konta.',
  'step1.noQr': 'Wejść na stronę {url}.',
  step2: 'Wpisać « Identifiant » (login) i « Code d’activation » (kod aktywacyjny) konta, a następnie kliknąć « Connexion » (Zaloguj).',
  step3: 'Wybrać hasło i je potwierdzić. {rule}',
  step4: 'Podać swój adres e-mail: pozwoli on otrzymać link, jeśli zapomną Państwo hasła. Zaakceptować regulamin (« charte d’utilisation »), a następnie kliknąć « Activer » (Aktywuj).',
  'step4.required': 'Podać swój adres e-mail (jest wymagany): pozwoli on otrzymać link, jeśli zapomną Państwo hasła. Zaakceptować regulamin (« charte d’utilisation »), a następnie kliknąć « Activer » (Aktywuj).',
  'activated.title': 'Konto już aktywowane',
  'activated.text': 'Zalogować się loginem i hasłem konta. Nie pamiętają Państwo hasła? Na stronie logowania kliknąć « Mot de passe oublié ? » (Nie pamiętam hasła), a następnie otworzyć link otrzymany e-mailem.',
  app: 'Na telefonie: aplikacja ONE Pocket (App Store, Google Play), z tymi samymi loginami.',
  'help.school': 'Potrzebują Państwo pomocy? Prosimy zwrócić się do szkoły.',
  'help.url': 'Potrzebują Państwo pomocy? Prosimy zajrzeć na {url} lub zwrócić się do szkoły.',
  keep: 'Prosimy zachować ten list: login jest potrzebny przy każdym logowaniu. Kody i kody QR są osobiste: prosimy nikomu ich nie przekazywać.',
  'keep.noQr': 'Prosimy zachować ten list: login jest potrzebny przy każdym logowaniu. Kody są osobiste: prosimy nikomu ich nie przekazywać.',
  'rule.neutral': 'Zasady tworzenia hasła są wyświetlane na ekranie.',

  'relaunch.title': 'Nie aktywowali jeszcze Państwo swojego konta ENT',
  'relaunch.titleMany': 'Nie aktywowali jeszcze Państwo swoich kont ENT',
  'relaunch.since': 'Kody zostały Państwu przekazane po raz pierwszy {date}; przesyłamy je ponownie.',
  back: 'Instrukcja po polsku',

  rule: {
    min: (n) => `co najmniej ${n} ${znak(n)}`,
    range: (a, b) => (a > 1 ? `od ${a} do ${b} znaków` : `najwyżej ${b} ${znak(b)}`),
    exact: (n) => `dokładnie ${n} ${znak(n)}`,
    upper: 'jedną wielką literę',
    lower: 'jedną małą literę',
    letter: 'jedną literę',
    digit: 'jedną cyfrę',
    special: 'jeden znak specjalny',
    among: (set) => `spośród ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = '';
      if (length && needs.length) s = `Hasło musi mieć ${length} i zawierać ${listWith(needs, 'i')}.`;
      else if (length) s = `Hasło musi mieć ${length}.`;
      else if (needs.length) s = `Hasło musi zawierać co najmniej ${listWith(needs, 'i')}.`;
      if (noSpace) s += `${s ? ' ' : ''}Hasło nie może zawierać spacji.`;
      return s;
    },
  },
};
