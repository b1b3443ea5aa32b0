/**
 * The one-page summary for the school council (« Conseil d'école »): per-row counts and %, the
 * same table for the PDF (src/pdf/summary.ts) and the CSV. Counts only: no name, no login, no code.
 */
import { SUMMARY } from '../i18n/follow-up';
import { type FollowUpRow, type Tally, percent, totalOf } from './follow-up';

type Lang = 'fr' | 'en';

export interface SummaryTable {
  head: string[];
  body: string[][];
  /** The total line, last. */
  total: string[];
}

const pct = (t: Tally): string => {
  const p = percent(t);
  return p === null ? '—' : `${p} %`;
};
/** « 7 / 21 », or « — » when the row has no student (or no parent). */
const ratio = (t: Tally): string => (t.total ? `${t.activated} / ${t.total}` : '—');

function line(label: string, r: Pick<FollowUpRow, 'all' | 'students' | 'parents'>): string[] {
  return [label, String(r.all.total), String(r.all.activated), pct(r.all), ratio(r.students), ratio(r.parents), String(r.all.reached), String(r.all.notReached), String(r.all.blocked)];
}

export function rowLabel(r: Pick<FollowUpRow, 'kind' | 'name'>, lang: Lang): string {
  return r.kind === 'class' ? r.name : SUMMARY[lang].rows[r.kind];
}

export function summaryTable(rows: readonly FollowUpRow[], lang: Lang): SummaryTable {
  const d = SUMMARY[lang];
  return {
    head: [...d.cols],
    body: rows.map((r) => line(rowLabel(r, lang), r)),
    total: line(d.rows.total, totalOf(rows)),
  };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The same table as CSV, the way the campaign report is written (`;`, every field quoted, UTF-8 BOM,
 * CRLF: what French Excel opens directly). Percentages are plain numbers there.
 */
export function summaryCsv(rows: readonly FollowUpRow[], lang: Lang): string {
  const tb = summaryTable(rows, lang);
  const plain = (cells: string[]) => cells.map((c, i) => (i === 3 ? c.replace(/\s*%$/, '').replace('—', '') : c));
  const lines = [tb.head, ...tb.body.map(plain), plain(tb.total)];
  return '\uFEFF' + lines.map((l) => l.map(quote).join(';')).join('\r\n') + '\r\n';
}

/** File name: `bilan-activation-<school>-<yyyy-mm-dd>.<ext>`. */
export function summaryFileName(schoolName: string, date: Date, lang: Lang, ext: 'pdf' | 'csv'): string {
  const slug = schoolName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'structure';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${SUMMARY[lang].fileStem}-${slug}-${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}.${ext}`;
}
