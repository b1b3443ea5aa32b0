/** The family letter in Russian (see types.ts: the ENT's French words kept, translated in brackets). */
import { eastSlavic, listWith, type LetterTexts } from './types';

/** « 1 символ », « 2 символа », « 5 символов », « 21 символ ». */
const simv = (n: number): string => eastSlavic(n, 'символ', 'символа', 'символов');

export const LETTER_RU: LetterTexts = {
  lang: 'ru',
  name: 'Русский',
  nameFr: 'russe',
  nameEn: 'Russian',
  rtl: false,

  'col.name': 'Имя',
  'col.login': 'Логин',
  'col.code': 'Код активации',
  'col.qr': 'QR-код',
  activated: 'учётная запись активирована',

  title: 'Инструкция',
  'activate.title': 'Чтобы активировать учётную запись',
  step1: 'Перейдите на {url} или отсканируйте телефоном QR-код учётной записи.',
  'step1.noQr': 'Перейдите на {url}.',
  step2: 'Введите « Identifiant » (логин) и « Code d’activation » (код активации) учётной записи, затем нажмите « Connexion » (Войти).',
  step3: 'Выберите пароль и подтвердите его. {rule}',
  step4: 'Укажите свой адрес электронной почты: на него придёт ссылка, если вы забудете пароль. Примите правила пользования (« charte d’utilisation »), затем нажмите « Activer » (Активировать).',
  'step4.required': 'Укажите свой адрес электронной почты (это обязательно): на него придёт ссылка, если вы забудете пароль. Примите правила пользования (« charte d’utilisation »), затем нажмите « Activer » (Активировать).',
  'activated.title': 'Для уже активированной учётной записи',
  'activated.text': 'Войдите с логином и паролем учётной записи. Забыли пароль? Нажмите « Mot de passe oublié ? » (Забыли пароль?) на странице входа, затем перейдите по ссылке из письма.',
  app: 'На телефоне: приложение ONE Pocket (App Store, Google Play), с теми же логинами.',
  'help.school': 'Нужна помощь? Обратитесь в школу.',
  'help.url': 'Нужна помощь? Посмотрите {url} или обратитесь в школу.',
  keep: 'Сохраните это письмо: логин нужен при каждом входе. Коды и QR-коды личные: никому их не передавайте.',
  'keep.noQr': 'Сохраните это письмо: логин нужен при каждом входе. Коды личные: никому их не передавайте.',
  'rule.neutral': 'Правила для пароля показаны на экране.',

  'relaunch.title': 'Вы ещё не активировали свою учётную запись ENT',
  'relaunch.titleMany': 'Вы ещё не активировали свои учётные записи ENT',
  'relaunch.since': 'Коды были впервые переданы вам {date}; вот они ещё раз.',
  back: 'Инструкция на русском языке',

  rule: {
    min: (n) => `не менее ${n} символов`,
    range: (a, b) => (a > 1 ? `от ${a} до ${b} символов` : `не более ${b} символов`),
    exact: (n) => `ровно ${n} ${simv(n)}`,
    upper: 'одну заглавную букву',
    lower: 'одну строчную букву',
    letter: 'одну букву',
    digit: 'одну цифру',
    special: 'один специальный символ',
    among: (set) => `из ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = '';
      if (length && needs.length) s = `Пароль должен содержать ${length}, в том числе ${listWith(needs, 'и')}.`;
      else if (length) s = `Пароль должен содержать ${length}.`;
      else if (needs.length) s = `Пароль должен содержать хотя бы ${listWith(needs, 'и')}.`;
      if (noSpace) s += `${s ? ' ' : ''}Пароль не должен содержать пробелов.`;
      return s;
    },
  },
};
