/**
 * The campaign report as CSV: one row per account, in campaign order.
 * Columns: Nom;Prénom;Identifiant;État;Raison;Heure. `;`-separated, every field quoted, UTF-8 BOM,
 * CRLF line ends (what French Excel opens directly).
 *
 * Names are not in the campaign (it is persisted; see campaign.ts): the caller passes them from its
 * in-memory accounts. An account missing from `names` gets empty names and its account id as
 * "Identifiant", so the row still identifies someone.
 */
import type { Campaign, EntryState } from './campaign';
import { csvField } from '../csv';

export type ReportLang = 'fr' | 'en';
export type ReportNames = ReadonlyMap<string, { lastName: string; firstName: string; login: string }>;

const HEADERS: Record<ReportLang, string[]> = {
  fr: ['Nom', 'Prénom', 'Identifiant', 'État', 'Raison', 'Heure'],
  en: ['Last name', 'First name', 'Login', 'Status', 'Reason', 'Time'],
};

export const STATE_LABELS: Record<ReportLang, Record<EntryState, string>> = {
  fr: {
    pending: 'En attente', inflight: 'En cours', sent: 'Envoyé', failed: 'Échec', skipped: 'Ignoré',
    unknown: 'Incertain (à vérifier)',
  },
  en: {
    pending: 'Pending', inflight: 'In progress', sent: 'Sent', failed: 'Failed', skipped: 'Skipped',
    unknown: 'Uncertain (check)',
  },
};

export const REASON_LABELS: Record<ReportLang, Record<string, string>> = {
  fr: {
    'no-email': "Pas d'adresse e-mail",
    server: 'Erreur du serveur',
    timeout: "Délai d'attente dépassé",
    network: 'Erreur réseau',
    'bad-request': 'Requête refusée (400)',
    refused: "Refusé par la console : ce compte n'est plus dans vos écoles, ou vous n'avez pas le droit de l'envoyer",
    interrupted: "Envoi interrompu : le message a pu partir ou non",
  },
  en: {
    'no-email': 'No e-mail address',
    server: 'Server error',
    timeout: 'Timed out',
    network: 'Network error',
    'bad-request': 'Request rejected (400)',
    refused: 'Refused by the console: this account is no longer in your schools, or you may not send it',
    interrupted: 'Interrupted: the message may or may not have been sent',
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

// The formula-safe field writer shared with the council summary (src/csv.ts).
export { csvField };

export function toCsv(c: Campaign, names?: ReportNames, lang: ReportLang = 'fr'): string {
  const rows = [HEADERS[lang].map(csvField).join(';')];
  for (const id of c.order) {
    const e = c.entries[id]!;
    const n = names?.get(id);
    const reason = e.reason === undefined ? '' : (REASON_LABELS[lang][e.reason] ?? e.reason);
    rows.push(
      [n?.lastName ?? '', n?.firstName ?? '', n?.login ?? id, STATE_LABELS[lang][e.state], reason, formatTime(e.at, lang)]
        .map(csvField)
        .join(';'),
    );
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}
