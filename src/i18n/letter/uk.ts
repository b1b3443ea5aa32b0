/** The family letter in Ukrainian (see types.ts: the ENT's French words kept, translated in brackets). */
import { eastSlavic, listWith, type LetterTexts } from './types';

/** « 1 символ », « 2 символи », « 5 символів », « 21 символ ». */
const symv = (n: number): string => eastSlavic(n, 'символ', 'символи', 'символів');

export const LETTER_UK: LetterTexts = {
  lang: 'uk',
  name: 'Українська',
  nameFr: 'ukrainien',
  nameEn: 'Ukrainian',
  rtl: false,

  'col.name': 'Ім’я',
  'col.login': 'Логін',
  'col.code': 'Код активації',
  'col.qr': 'QR-код',
  activated: 'обліковий запис активовано',

  title: 'Інструкція',
  'activate.title': 'Щоб активувати обліковий запис',
  step1: 'Перейдіть на {url} або відскануйте телефоном QR-код облікового запису.',
  step2: 'Введіть « Identifiant » (логін) і « Code d’activation » (код активації) облікового запису, потім натисніть « Connexion » (Увійти).',
  step3: 'Виберіть пароль і підтвердьте його. {rule}',
  step4: 'Вкажіть свою електронну адресу: на неї ви зможете отримати посилання, якщо забудете пароль. Прийміть правила користування (« charte d’utilisation »), потім натисніть « Activer » (Активувати).',
  'step4.required': 'Вкажіть свою електронну адресу (це обов’язково): на неї ви зможете отримати посилання, якщо забудете пароль. Прийміть правила користування (« charte d’utilisation »), потім натисніть « Activer » (Активувати).',
  'activated.title': 'Для вже активованого облікового запису',
  'activated.text': 'Увійдіть за допомогою логіна та пароля облікового запису. Забули пароль? Натисніть « Mot de passe oublié ? » (Забули пароль?) на сторінці входу, потім перейдіть за посиланням, яке надійде електронною поштою.',
  app: 'На телефоні: застосунок ONE Pocket (App Store, Google Play), з тими самими логінами.',
  'help.school': 'Потрібна допомога? Зверніться до школи.',
  'help.url': 'Потрібна допомога? Перегляньте {url} або зверніться до школи.',
  keep: 'Збережіть цей лист: логін потрібен під час кожного входу. Коди та QR-коди особисті: нікому їх не передавайте.',
  'rule.neutral': 'Правила для пароля показано на екрані.',

  'relaunch.title': 'Ви ще не активували свій обліковий запис ENT',
  'relaunch.since': 'Коди вперше передали вам {date}; ось вони ще раз.',
  back: 'Інструкція українською',

  rule: {
    min: (n) => `щонайменше ${n} ${symv(n)}`,
    range: (a, b) => (a > 1 ? `від ${a} до ${b} символів` : `не більше ${b} символів`),
    exact: (n) => `рівно ${n} ${symv(n)}`,
    upper: 'одну велику літеру',
    lower: 'одну малу літеру',
    letter: 'одну літеру',
    digit: 'одну цифру',
    special: 'один спеціальний символ',
    among: (set) => `з-поміж ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = '';
      if (length && needs.length) s = `Пароль має містити ${length}, зокрема ${listWith(needs, 'і')}.`;
      else if (length) s = `Пароль має містити ${length}.`;
      else if (needs.length) s = `Пароль має містити щонайменше ${listWith(needs, 'і')}.`;
      if (noSpace) s += `${s ? ' ' : ''}Пароль не може містити пробілів.`;
      return s;
    },
  },
};
