/**
 * Every DOM selector of the console, in one module (one-console.md §4.1). `$`/`$$` fail loudly with
 * a message naming what is missing, so a console change gives a clear error, never a wrong roster.
 */
import { ConsoleFormatError } from '../src/console/errors';
import { TABLE_HEADERS, type TableRow } from '../src/console/table';

export const SEL = {
  title: 'div.container.has-shadow h2',
  table: 'div.container.has-shadow table',
  headerCells: 'thead tr:first-child th',
  rows: 'tbody tr',
  cells: 'td',
  lockIcon: 'i.fa-lock',
  /** The massmail page's « Lancer le publipostage : » bar and its two `button.cell` (§4.1, item 5). */
  publishBar: 'div.mailing__publish',
  publishButtons: 'button.cell',
  /** The teacher's class page: the big buttons under the class header (entcore view-src/class-admin.html). */
  classOptions: 'section.class-admin__options',
  /** « Créer les fiches de connexion », found by what it does, not by its place or its (translated) label. */
  classExport: 'a[ng-click="goToExport()"]',
  /**
   * An `<i18n>` AngularJS has compiled (it wraps the text in a span). The served HTML holds the same
   * buttons with raw keys, detached and replaced when AngularJS rebuilds the page (test/real-class-admin/README.md).
   */
  compiledLabel: 'i18n > span',
  /** The class the page shows: its selector's option values are class ids (ng-options … track by classroom.id). */
  classSelect: 'select.class-admin__select',
} as const;

export function $(root: ParentNode, selector: string, what: string): Element {
  const el = root.querySelector(selector);
  if (!el) throw new ConsoleFormatError(`élément introuvable : ${what} (${selector})`);
  return el;
}

export function $$(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

const text = (el: Element | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Reads the console's user table; checks the 8 headers so a reordered table is refused, not misread. */
export function readUserTable(doc: Document): TableRow[] {
  const table = $(doc, SEL.table, 'le tableau des comptes');
  const headers = $$(table, SEL.headerCells).map(text);
  TABLE_HEADERS.forEach((h, i) => {
    if (headers[i] !== h) throw new ConsoleFormatError(`colonne ${i + 1} du tableau : « ${h} » attendue, « ${headers[i] ?? 'rien'} » trouvée`);
  });
  return $$(table, SEL.rows).map((tr, i) => {
    const td = $$(tr, SEL.cells);
    if (td.length < 8) throw new ConsoleFormatError(`ligne ${i + 1} du tableau : 8 cellules attendues, ${td.length} trouvées`);
    return {
      lastName: text(td[0]),
      firstName: text(td[1]),
      profileClass: td[2]!.className,
      profileLabel: text(td[2]),
      login: text(td[3]),
      code: text(td[4]),
      email: text(td[5]),
      classText: text(td[6]),
      dateText: text(td[7]),
    };
  });
}

/** True once the Angular app has drawn the massmail page (the table may still be empty). */
export function massmailPageReady(doc: Document): boolean {
  return !!doc.querySelector(SEL.table);
}

/**
 * Where the « Publipostage avancé » button goes, or null. Unlike `$`, this one fails quietly: the
 * button is a convenience, so when the console's DOM is not what we know, it simply stays away.
 * Massmail: the bar holding « Générer en PDF » / « Envoyer par mail » (the button goes at its end).
 * Teacher's page: « Créer les fiches de connexion » once AngularJS has built it (the button goes after it).
 */
export function doorAnchor(doc: Document, kind: 'massmail' | 'class-admin'): Element | null {
  if (kind === 'massmail') {
    const bar = doc.querySelector(SEL.publishBar);
    const labels = bar ? $$(bar, SEL.publishButtons).map(text) : [];
    return labels.includes('Générer en PDF') && labels.includes('Envoyer par mail') ? bar : null;
  }
  const exportButton = doc.querySelector(`${SEL.classOptions} > ${SEL.classExport}`);
  return exportButton?.querySelector(SEL.compiledLabel) ? exportButton : null;
}

/** The id of the class the teacher's page shows, or null (no class yet, or not drawn yet). */
export function shownClassId(doc: Document): string | null {
  const select = doc.querySelector(SEL.classSelect);
  return select instanceof HTMLSelectElement && select.value ? select.value : null;
}

/** Whether an event came from the page's class selector (not from its users' checkboxes). */
export function isClassSelect(target: EventTarget | null): boolean {
  return target instanceof Element && target.matches(SEL.classSelect);
}
