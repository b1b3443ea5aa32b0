/** The family letter in Italian, in the polite form (see types.ts: the ENT's French words kept, translated in brackets). */
import { listWith, type LetterTexts } from './types';

export const LETTER_IT: LetterTexts = {
  lang: 'it',
  name: 'Italiano',
  nameFr: 'italien',
  nameEn: 'Italian',
  rtl: false,

  'col.name': 'Nome',
  'col.login': 'Nome utente',
  'col.code': 'Codice di attivazione',
  'col.qr': 'Codice QR',
  activated: 'account attivato',

  title: 'Istruzioni',
  'activate.title': 'Per attivare un account',
  step1: 'Vada su {url} oppure scansioni il codice QR dell’account con un telefono.',
  'step1.noQr': 'Vada su {url}.',
  step2: 'Inserisca l’« Identifiant » (nome utente) e il « Code d’activation » (codice di attivazione) dell’account, poi clicchi su « Connexion » (Accedi).',
  step3: 'Scelga una password e la confermi. {rule}',
  step4: 'Indichi il Suo indirizzo e-mail: serve a ricevere un link se dimentica la password. Accetti il regolamento d’uso (« charte d’utilisation »), poi clicchi su « Activer » (Attiva).',
  'step4.required': 'Indichi il Suo indirizzo e-mail (è obbligatorio): serve a ricevere un link se dimentica la password. Accetti il regolamento d’uso (« charte d’utilisation »), poi clicchi su « Activer » (Attiva).',
  'activated.title': 'Per un account già attivato',
  'activated.text': 'Acceda con il nome utente e la password dell’account. Ha dimenticato la password? Clicchi su « Mot de passe oublié ? » (Password dimenticata?) nella pagina di accesso, poi segua il link ricevuto per e-mail.',
  app: 'Sul telefono: l’app ONE Pocket (App Store, Google Play), con gli stessi nomi utente.',
  'help.school': 'Serve aiuto? Si rivolga alla scuola.',
  'help.url': 'Serve aiuto? Consulti {url} oppure si rivolga alla scuola.',
  keep: 'Conservi questa lettera: il nome utente serve a ogni accesso. I codici e i codici QR sono personali: non li comunichi a nessuno.',
  'keep.noQr': 'Conservi questa lettera: il nome utente serve a ogni accesso. I codici sono personali: non li comunichi a nessuno.',
  'rule.neutral': 'Le regole della password compaiono sullo schermo.',

  'relaunch.title': 'Non ha ancora attivato il Suo account ENT',
  'relaunch.titleMany': 'Non ha ancora attivato i Suoi account ENT',
  'relaunch.since': 'I Suoi codici Le sono stati consegnati per la prima volta il {date}; eccoli di nuovo.',
  back: 'Istruzioni in italiano',

  rule: {
    min: (n) => `almeno ${n} caratteri`,
    range: (a, b) => (a > 1 ? `tra ${a} e ${b} caratteri` : `al massimo ${b} caratteri`),
    exact: (n) => `esattamente ${n} caratteri`,
    upper: 'una lettera maiuscola',
    lower: 'una lettera minuscola',
    letter: 'una lettera',
    digit: 'una cifra',
    special: 'un carattere speciale',
    among: (set) => `tra ${set.split('').join(' ')}`,
    sentence: ({ length, needs, noSpace }) => {
      let s = 'La password deve';
      if (length && needs.length) s += ` contenere ${length}, tra cui ${listWith(needs, 'e')}`;
      else if (length) s += ` contenere ${length}`;
      else if (needs.length) s += ` contenere almeno ${listWith(needs, 'e')}`;
      if (noSpace) s += length || needs.length ? ', senza spazi' : ' essere senza spazi';
      return `${s}.`;
    },
  },
};
