/** The family letter in Spanish (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_ES: LetterTexts = {
  lang: 'es',
  name: 'Español',
  nameFr: 'espagnol',
  nameEn: 'Spanish',
  rtl: false,

  'col.name': 'Nombre',
  'col.login': 'Usuario',
  'col.code': 'Código de activación',
  'col.qr': 'Código QR',
  activated: 'cuenta activada',

  title: 'Instrucciones',
  'activate.title': 'Para activar una cuenta',
  step1: 'Vaya a {url} o escanee el código QR de la cuenta con un teléfono.',
  'step1.noQr': 'Vaya a {url}.',
  step2: 'Introduzca el « Identifiant » (usuario) y el « Code d’activation » (código de activación) de la cuenta y haga clic en « Connexion » (Iniciar sesión).',
  step3: 'Elija una contraseña y confírmela. {rule}',
  step4: 'Indique su dirección de correo electrónico: sirve para recibir un enlace si olvida la contraseña. Acepte las normas de uso (« charte d’utilisation ») y haga clic en « Activer » (Activar).',
  'step4.required': 'Indique su dirección de correo electrónico (es obligatoria): sirve para recibir un enlace si olvida la contraseña. Acepte las normas de uso (« charte d’utilisation ») y haga clic en « Activer » (Activar).',
  'activated.title': 'Para una cuenta ya activada',
  'activated.text': 'Inicie sesión con el usuario y la contraseña de la cuenta. ¿Ha olvidado la contraseña? Haga clic en « Mot de passe oublié ? » (¿Olvidó su contraseña?) en la página de inicio de sesión y siga el enlace que recibirá por correo electrónico.',
  app: 'En el teléfono: la aplicación ONE Pocket (App Store, Google Play), con los mismos usuarios.',
  'help.school': '¿Necesita ayuda? Diríjase a la escuela.',
  'help.url': '¿Necesita ayuda? Consulte {url} o diríjase a la escuela.',
  keep: 'Conserve esta carta: el usuario se necesita cada vez que inicie sesión. Los códigos y los códigos QR son personales: no los comparta.',
  'keep.noQr': 'Conserve esta carta: el usuario se necesita cada vez que inicie sesión. Los códigos son personales: no los comparta.',
  'rule.neutral': 'Las reglas de la contraseña aparecen en la pantalla.',

  'relaunch.title': 'Todavía no ha activado su cuenta ENT',
  'relaunch.titleMany': 'Todavía no ha activado sus cuentas ENT',
  'relaunch.since': 'Sus códigos se le entregaron por primera vez el {date}; aquí los tiene de nuevo.',
  back: 'Instrucciones en español',

  rule: {
    min: (n) => `al menos ${n} caracteres`,
    range: (a, b) => (a > 1 ? `entre ${a} y ${b} caracteres` : `como máximo ${b} caracteres`),
    exact: (n) => `exactamente ${n} caracteres`,
    upper: 'una mayúscula',
    lower: 'una minúscula',
    letter: 'una letra',
    digit: 'una cifra',
    special: 'un carácter especial',
    among: (set) => `entre ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = 'Su contraseña debe';
      if (length && needs.length) s += ` tener ${length}, con ${listWith(needs, 'y')}`;
      else if (length) s += ` tener ${length}`;
      else if (needs.length) s += ` tener al menos ${listWith(needs, 'y')}`;
      if (!noSpace) return `${s}.`;
      return length || needs.length ? `${s}, sin espacios.` : 'Su contraseña no debe tener espacios.';
    },
  },
};
