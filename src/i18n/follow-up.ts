/**
 * Words of the activation follow-up (« Suivi »): the panel strings (spread into ui.ts, so the
 * generated locales and the parity test cover them), the school-council summary's strings, and the
 * pure helpers that write a director's French: elision (« d’ULIS », « de CE1 A »), agreement
 * (« 1 activé », « 19 activés »), « 1er » and short dates (« 2 sept. »).
 */
import { plural, startsWithVowelSound } from './french';

export const FOLLOW_UP_FR = {
  fuTitle: 'Suivi des activations',
  fuComputing: 'calcul en cours…',
  fuIntro: 'Où en est chaque classe : comptes activés, fiches remises ou courriels envoyés, et ceux qu’il reste à joindre.',
  fuCaption: 'Activation des comptes par classe',
  fuRowNone: 'Sans classe',
  fuRowTeachers: 'Enseignants',
  fuRowPersonnel: 'Personnels',
  fuRowGuests: 'Invités',
  fuTotal: 'Total',
  fuColRow: 'Classe',
  fuColAccounts: 'Comptes',
  fuColActivated: 'Activés',
  fuColPercent: '%',
  fuColStudents: 'Élèves activés',
  fuColParents: 'Parents activés',
  fuColReached: 'Remis ou envoyés',
  fuColNotReached: 'Pas encore atteints',
  fuColBlocked: 'Bloqués',
  fuColTrend: 'Progression',
  fuActivatedOne: '{a} activé sur {n}',
  fuActivatedMany: '{a} activés sur {n}',
  fuSplit: 'élèves {sa}/{sn} · parents {pa}/{pn}',
  fuReachedOne: '{n} remis ou envoyé',
  fuReachedMany: '{n} remis ou envoyés',
  fuNotReachedOne: '{n} pas encore atteint',
  fuNotReachedMany: '{n} pas encore atteints',
  fuBlockedOne: '{n} bloqué',
  fuBlockedMany: '{n} bloqués',
  fuBlockedSelectionOne: '{n} compte bloqué ne pourra pas s’activer : il n’est pas relancé.',
  fuBlockedSelectionMany: '{n} comptes bloqués ne pourront pas s’activer : ils ne sont pas relancés.',
  fuMetricsGap: 'Les statistiques de la console comptent {cn} comptes dont {ca} activés ; la liste lue en montre {ln} dont {la} activés. L’écart vient de comptes que la console ne vous liste pas (administrateurs centraux) ou de changements depuis la lecture de la liste.',
  fuStatusNote: '« Activé » est le statut de la console : le code d’activation a disparu. L’ENT l’efface à l’activation, mais aussi à la première connexion par un compte académique, lors d’une synchronisation de l’annuaire ou de la fusion de deux comptes ; un compte peut donc passer « activé » sans fiche remise. Les comptes bloqués ne peuvent pas s’activer : ils sont comptés à part et jamais relancés.',
  fuWordOne: 'activé',
  fuWordMany: 'activés',
  fuTrend: '{row} : {from} → {to} {word} depuis le {date}',
  fuTrendToday: '{row} : {from} → {to} {word} aujourd’hui',
  fuTrendSame: '{row} : toujours {to} {word} depuis le {date}',
  fuTrendNone: '{row} : aucun compte activé depuis le {date}',
  fuTrendFirst: '{row} : {to} {word}, premier relevé aujourd’hui',
  fuOfNone: 'des comptes sans classe',
  fuOfTeachers: 'des enseignants',
  fuOfPersonnel: 'des personnels',
  fuOfGuests: 'des invités',
  fuSelectRow: 'Sélectionner la ligne {of}',
  fuChart: 'Progression {of}',
  fuSelectAll: 'Tout sélectionner',
  fuSelectNone: 'Tout désélectionner',
  fuNoneSelected: 'Cochez une ou plusieurs lignes pour relancer leurs comptes.',
  fuAccountsOne: '{n} compte',
  fuAccountsMany: '{n} comptes',
  fuSelection: 'Sélection {of} : {accounts} à relancer, dont {mailable} avec une adresse courriel.',
  fuSelectionRows: 'de {n} lignes',
  fuIncludeReached: 'Y compris ceux déjà remis ou envoyés',
  fuPrint: 'Imprimer les fiches ({n})',
  fuMail: 'Envoyer par courriel ({n})',
  fuRoster: 'Feuille d’émargement ({n})',
  fuSummaryPdf: 'Bilan pour le conseil d’école (PDF)',
  fuSummaryCsv: 'Bilan (CSV)',
  fuSummaryDone: 'Bilan prêt : {file}',
} as const;

export type FollowUpKey = keyof typeof FOLLOW_UP_FR;

export const FOLLOW_UP_EN: Record<FollowUpKey, string> = {
  fuTitle: 'Activation follow-up',
  fuComputing: 'counting…',
  fuIntro: 'Where each class stands: activated accounts, sheets handed over or e-mails sent, and those still to reach.',
  fuCaption: 'Account activation by class',
  fuRowNone: 'No class',
  fuRowTeachers: 'Teachers',
  fuRowPersonnel: 'Staff',
  fuRowGuests: 'Guests',
  fuTotal: 'Total',
  fuColRow: 'Class',
  fuColAccounts: 'Accounts',
  fuColActivated: 'Activated',
  fuColPercent: '%',
  fuColStudents: 'Students activated',
  fuColParents: 'Parents activated',
  fuColReached: 'Handed over or e-mailed',
  fuColNotReached: 'Not reached yet',
  fuColBlocked: 'Blocked',
  fuColTrend: 'Progress',
  fuActivatedOne: '{a} of {n} activated',
  fuActivatedMany: '{a} of {n} activated',
  fuSplit: 'students {sa}/{sn} · parents {pa}/{pn}',
  fuReachedOne: '{n} handed over or e-mailed',
  fuReachedMany: '{n} handed over or e-mailed',
  fuNotReachedOne: '{n} not reached yet',
  fuNotReachedMany: '{n} not reached yet',
  fuBlockedOne: '{n} blocked',
  fuBlockedMany: '{n} blocked',
  fuBlockedSelectionOne: '{n} blocked account cannot activate: it is not chased.',
  fuBlockedSelectionMany: '{n} blocked accounts cannot activate: they are not chased.',
  fuMetricsGap: 'The console’s statistics count {cn} accounts, {ca} of them activated; the list read shows {ln}, {la} of them activated. The difference comes from accounts the console does not list for you (central administrators) or from changes since the list was read.',
  fuStatusNote: '“Activated” is the console’s status: the activation code is gone. The ENT clears it on activation, but also on a first login through an académie account, on a directory sync or when two accounts are merged, so an account can turn “activated” without a sheet. Blocked accounts cannot activate: they are counted apart and never chased.',
  fuWordOne: 'activated',
  fuWordMany: 'activated',
  fuTrend: '{row}: {from} → {to} {word} since {date}',
  fuTrendToday: '{row}: {from} → {to} {word} today',
  fuTrendSame: '{row}: still {to} {word} since {date}',
  fuTrendNone: '{row}: no account activated since {date}',
  fuTrendFirst: '{row}: {to} {word}, first reading today',
  fuOfNone: 'of the accounts without a class',
  fuOfTeachers: 'of the teachers',
  fuOfPersonnel: 'of the staff',
  fuOfGuests: 'of the guests',
  fuSelectRow: 'Select the row {of}',
  fuChart: 'Progress {of}',
  fuSelectAll: 'Select all',
  fuSelectNone: 'Select none',
  fuNoneSelected: 'Tick one or more rows to chase their accounts.',
  fuAccountsOne: '{n} account',
  fuAccountsMany: '{n} accounts',
  fuSelection: 'Selection {of}: {accounts} to chase, {mailable} of them with an e-mail address.',
  fuSelectionRows: 'of {n} rows',
  fuIncludeReached: 'Including those already handed over or e-mailed',
  fuPrint: 'Print the sheets ({n})',
  fuMail: 'Send by e-mail ({n})',
  fuRoster: 'Sign-off roster ({n})',
  fuSummaryPdf: 'Summary for the school council (PDF)',
  fuSummaryCsv: 'Summary (CSV)',
  fuSummaryDone: 'Summary ready: {file}',
};

type Lang = 'fr' | 'en';

/**
 * What the helpers below need of ui.ts's translator: only the follow-up's own keys. ui.ts spreads
 * these strings into its dictionaries, so its `Translate` fits here without this file importing it
 * (which made the two modules import each other).
 */
export type FollowUpTranslate = (key: keyof typeof FOLLOW_UP_FR, subs?: Record<string, string | number>) => string;

/** French number agreement (Intl.PluralRules through src/i18n/french.ts): « 0 activé », « 2 activés ». */
export const isPlural = (n: number): boolean => plural('fr', n, 'one', 'other') === 'other';

/**
 * « de » before a class name, elided before a vowel sound: « de CE1 A », « d’ULIS », « d’Études »
 * (the rule of src/i18n/french.ts, with the typographic apostrophe of the follow-up's strings).
 */
export function ofName(name: string, lang: Lang): string {
  if (lang === 'en') return `of ${name}`;
  return startsWithVowelSound(name) ? `d’${name.trim()}` : `de ${name.trim()}`;
}

const MONTHS: Record<Lang, string[]> = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
};

/** `yyyy-mm-dd` as a short date: « 2 sept. », « 1er oct. »; « 2 Sept » in English. */
export function shortDay(day: string, lang: Lang): string {
  const d = Number(day.slice(8, 10));
  const m = MONTHS[lang][Number(day.slice(5, 7)) - 1] ?? '';
  return `${lang === 'fr' && d === 1 ? '1er' : d} ${m}`;
}

/**
 * The trend sentence: « CE1 A : 12 → 19 activés depuis le 2 sept. ». `today` says whether the
 * compared snapshot is today's own (then « aujourd’hui », or « premier relevé » when nothing moved).
 */
export function trendSentence(
  t: FollowUpTranslate,
  lang: Lang,
  row: string,
  trend: { fromDay: string; from: number; to: number },
  today: string,
): string {
  const word = t(isPlural(trend.to) ? 'fuWordMany' : 'fuWordOne');
  const subs = { row, from: trend.from, to: trend.to, word, date: shortDay(trend.fromDay, lang) };
  if (trend.fromDay === today) return t(trend.from === trend.to ? 'fuTrendFirst' : 'fuTrendToday', subs);
  if (trend.from !== trend.to) return t('fuTrend', subs);
  return t(trend.to === 0 ? 'fuTrendNone' : 'fuTrendSame', subs);
}

/** « 1 compte », « 15 comptes ». */
export const accountsText = (t: FollowUpTranslate, n: number): string => t(isPlural(n) ? 'fuAccountsMany' : 'fuAccountsOne', { n });

// ------------------------------------------------------------------ the school-council summary

export interface SummaryDict {
  title: string;
  asOf: string;
  note: string;
  cols: [string, string, string, string, string, string, string, string, string];
  rows: Record<'none' | 'teachers' | 'personnel' | 'guests' | 'total', string>;
  fileStem: string;
}

export const SUMMARY: Record<Lang, SummaryDict> = {
  fr: {
    title: 'Activation des comptes ONE — bilan pour le conseil d’école',
    asOf: 'Situation au {date}',
    note: 'Effectifs seulement, sans aucun nom ni code. Un parent de plusieurs élèves compte une fois, dans la classe de plus petit niveau. «\u00a0Activés\u00a0»\u00a0: le statut de la console (code d’activation effacé). «\u00a0Remis ou envoyés\u00a0»\u00a0: comptes pas encore activés dont la fiche a été remise ou le courriel envoyé. «\u00a0Bloqués\u00a0»\u00a0: comptes pas encore activés et bloqués, qui ne pourront pas s’activer.',
    cols: ['Classe', 'Comptes', 'Activés', '%', 'Élèves activés', 'Parents activés', 'Remis ou envoyés', 'Pas encore atteints', 'Bloqués'],
    rows: { none: 'Sans classe', teachers: 'Enseignants', personnel: 'Personnels', guests: 'Invités', total: 'Total' },
    fileStem: 'bilan-activation',
  },
  en: {
    title: 'ONE account activation — summary for the school council',
    asOf: 'As of {date}',
    note: 'Counts only, no name and no code. A parent of several students counts once, in the class of the lowest level. “Activated”: the console’s status (activation code cleared). “Handed over or e-mailed”: accounts not activated yet whose sheet was handed over or e-mail sent. “Blocked”: accounts not activated yet and blocked, which cannot activate.',
    cols: ['Class', 'Accounts', 'Activated', '%', 'Students activated', 'Parents activated', 'Handed over or e-mailed', 'Not reached yet', 'Blocked'],
    rows: { none: 'No class', teachers: 'Teachers', personnel: 'Staff', guests: 'Guests', total: 'Total' },
    fileStem: 'activation-summary',
  },
};
