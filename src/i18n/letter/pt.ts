/** The family letter in Portuguese (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_PT: LetterTexts = {
  lang: 'pt',
  name: 'Português',
  nameFr: 'portugais',
  nameEn: 'Portuguese',
  rtl: false,

  'col.name': 'Nome',
  'col.login': 'Identificador',
  'col.code': 'Código de ativação',
  'col.qr': 'Código QR',
  activated: 'conta ativada',

  title: 'Modo de utilização',
  'activate.title': 'Para ativar uma conta',
  step1: 'Aceda a {url} ou leia o código QR da conta com um telemóvel.',
  'step1.noQr': 'Aceda a {url}.',
  step2: 'Introduza o « Identifiant » (identificador) e o « Code d’activation » (código de ativação) da conta e clique em « Connexion » (Entrar).',
  step3: 'Escolha uma palavra-passe e confirme-a. {rule}',
  step4: 'Indique o seu endereço de e-mail: serve para receber uma ligação se se esquecer da palavra-passe. Aceite as regras de utilização (« charte d’utilisation ») e clique em « Activer » (Ativar).',
  'step4.required': 'Indique o seu endereço de e-mail (é obrigatório): serve para receber uma ligação se se esquecer da palavra-passe. Aceite as regras de utilização (« charte d’utilisation ») e clique em « Activer » (Ativar).',
  'activated.title': 'Para uma conta já ativada',
  'activated.text': 'Inicie sessão com o identificador e a palavra-passe da conta. Esqueceu-se da palavra-passe? Clique em « Mot de passe oublié ? » (Esqueci-me da palavra-passe) na página de início de sessão e siga a ligação recebida por e-mail.',
  app: 'No telemóvel: a aplicação ONE Pocket (App Store, Google Play), com os mesmos identificadores.',
  'help.school': 'Precisa de ajuda? Dirija-se à escola.',
  'help.url': 'Precisa de ajuda? Consulte {url} ou dirija-se à escola.',
  keep: 'Guarde esta carta: o identificador é necessário sempre que iniciar sessão. Os códigos e os códigos QR são pessoais: não os partilhe.',
  'keep.noQr': 'Guarde esta carta: o identificador é necessário sempre que iniciar sessão. Os códigos são pessoais: não os partilhe.',
  'rule.neutral': 'As regras da palavra-passe aparecem no ecrã.',

  'relaunch.title': 'Ainda não ativou a sua conta ENT',
  'relaunch.titleMany': 'Ainda não ativou as suas contas ENT',
  'relaunch.since': 'Os seus códigos foram-lhe entregues pela primeira vez em {date}; aqui estão de novo.',
  back: 'Modo de utilização em português',

  rule: {
    min: (n) => `pelo menos ${n} caracteres`,
    range: (a, b) => (a > 1 ? `entre ${a} e ${b} caracteres` : `no máximo ${b} caracteres`),
    exact: (n) => `exatamente ${n} caracteres`,
    upper: 'uma letra maiúscula',
    lower: 'uma letra minúscula',
    letter: 'uma letra',
    digit: 'um algarismo',
    special: 'um caráter especial',
    among: (set) => `entre ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = 'A sua palavra-passe deve';
      if (length && needs.length) s += ` ter ${length}, incluindo ${listWith(needs, 'e')}`;
      else if (length) s += ` ter ${length}`;
      else if (needs.length) s += ` ter pelo menos ${listWith(needs, 'e')}`;
      if (!noSpace) return `${s}.`;
      return length || needs.length ? `${s}, sem espaços.` : 'A sua palavra-passe não deve ter espaços.';
    },
  },
};
