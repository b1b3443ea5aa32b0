/**
 * The campaign report as CSV: one row per account, in campaign order.
 * Columns: Nom;Prénom;Identifiant;État;Raison;Heure; « État » is one of the six outcomes (see `tally`). `;`-separated, every field quoted, UTF-8 BOM,
 * CRLF line ends (what French Excel opens directly).
 *
 * Names are not in the campaign (it is persisted; see campaign.ts): the caller passes them from its
 * in-memory accounts. An account missing from `names` gets empty names and its account id as
 * "Identifiant", so the row still identifies someone.
 */
import type { Campaign, Entry } from './types';

export type ReportLang = 'fr' | 'en';
export type ReportNames = ReadonlyMap<string, { lastName: string; firstName: string; login: string }>;

const HEADERS: Record<ReportLang, string[]> = {
  fr: ['Nom', 'Prénom', 'Identifiant', 'État', 'Raison', 'Heure'],
  en: ['Last name', 'First name', 'Login', 'Status', 'Reason', 'Time'],
};

/**
 * The six outcomes a report counts, every selected account in exactly one: they add up to the
 * accounts selected, in the panel's line, the CSV's « État » column and the distribution log.
 */
export type Outcome = 'sent' | 'noAddress' | 'failed' | 'uncertain' | 'refused' | 'notSent';
export const OUTCOMES: readonly Outcome[] = ['sent', 'noAddress', 'failed', 'uncertain', 'refused', 'notSent'];

/**
 * An entry's outcome. `inflight` is uncertain (the request may or may not have been made: a record
 * read back mid-run), `pending` is « not sent » (the run stopped or was stopped before it).
 */
export function outcomeOf(e: Entry): Outcome {
  switch (e.state) {
    case 'sent': return 'sent';
    case 'skipped': return 'noAddress';
    case 'failed': return e.reason === 'refused' ? 'refused' : 'failed';
    case 'unknown':
    case 'inflight': return 'uncertain';
    case 'pending': return 'notSent';
  }
}

export type Tally = Record<Outcome, number> & { selected: number };

/** The report's counts; `selected` is the campaign's accounts, and the six outcomes always add up to it. */
export function tally(c: Campaign): Tally {
  const out: Tally = { selected: 0, sent: 0, noAddress: 0, failed: 0, uncertain: 0, refused: 0, notSent: 0 };
  for (const id of c.order) {
    out[outcomeOf(c.entries[id]!)]++;
    out.selected++;
  }
  return out;
}

export const OUTCOME_LABELS: Record<ReportLang, Record<Outcome, string>> = {
  fr: {
    sent: 'Envoyé', noAddress: 'Sans adresse courriel', failed: 'Échec', uncertain: 'Incertain (à vérifier)',
    refused: 'Refusé', notSent: 'Non envoyé (envoi arrêté)',
  },
  en: {
    sent: 'Sent', noAddress: 'No e-mail address', failed: 'Failed', uncertain: 'Uncertain (check)',
    refused: 'Refused', notSent: 'Not sent (run stopped)',
  },
};

export const REASON_LABELS: Record<ReportLang, Record<string, string>> = {
  fr: {
    'no-email': 'Pas d’adresse courriel',
    server: 'Erreur du serveur',
    timeout: 'Délai d’attente dépassé',
    network: 'Erreur réseau',
    'bad-request': 'Requête refusée (400)',
    refused: 'Refusé par la console : ce compte n’est plus dans vos écoles, ou vous n’avez pas le droit de l’envoyer',
    interrupted: 'Envoi interrompu : le message a pu partir ou non',
    unreadable: 'Enregistrement de l’envoi illisible : le message a pu partir ou non',
  },
  en: {
    'no-email': 'No e-mail address',
    server: 'Server error',
    timeout: 'Timed out',
    network: 'Network error',
    'bad-request': 'Request rejected (400)',
    refused: 'Refused by the console: this account is no longer in your schools, or you may not send it',
    interrupted: 'Interrupted: the message may or may not have been sent',
    unreadable: 'The sending record could not be read: the message may or may not have been sent',
  },
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time: `dd/mm/yyyy hh:mm:ss` (fr) or `yyyy-mm-dd hh:mm:ss` (en); empty when unknown. */
export function formatTime(at: number | undefined, lang: ReportLang = 'fr'): string {
  if (at === undefined) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return lang === 'fr'
    ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${time}`
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/**
 * Quotes a field; a leading = + - @ (or tab/CR) gets a `'` so a spreadsheet does not run it as a
 * formula (names come from the directory and are not ours).
 */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(c: Campaign, names?: ReportNames, lang: ReportLang = 'fr'): string {
  const rows = [HEADERS[lang].map(csvField).join(';')];
  for (const id of c.order) {
    const e = c.entries[id]!;
    const n = names?.get(id);
    const reason = e.reason === undefined ? '' : (REASON_LABELS[lang][e.reason] ?? e.reason);
    rows.push(
      [n?.lastName ?? '', n?.firstName ?? '', n?.login ?? id, OUTCOME_LABELS[lang][outcomeOf(e)], reason, formatTime(e.at, lang)]
        .map(csvField)
        .join(';'),
    );
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}
