/**
 * Every DOM selector of the console, in one module (one-console.md §4.1). `$`/`$$` fail loudly with
 * a message naming what is missing, so a console change gives a clear error, never a wrong roster.
 */
import { ConsoleFormatError } from '../src/console/errors';
import { TABLE_HEADERS, type TableRow } from '../src/console/table';

/**
 * The massmail tab of entcore's admin console (Angular, entcore 6.15.4: admin/src/main/ts,
 * `ode-mass-mail`), as the real page renders it (test/real-console/README.md): no id, no data-*
 * attribute; `_ngcontent-*` attributes change on every load, so nothing here names them.
 */
export const SEL = {
  /** The console's root component; everything we read lives under it. */
  root: 'ode-admin-root',
  massmail: 'ode-admin-root ode-mass-mail',
  title: 'ode-admin-root ode-mass-mail div.container.has-shadow h2',
  /** The only `<table>` of the tab, redrawn whole on every filter, search and sort. */
  table: 'ode-admin-root ode-mass-mail table',
  headerCells: 'thead tr:first-child th',
  rows: 'tbody tr',
  cells: 'td',
  lockIcon: 'i.fa-lock',
  /**
   * « Lancer le publipostage : » (a `p`), then a `div` holding the two `button.cell` « Générer en
   * PDF » / « Envoyer par mail » and an `ode-lightbox-confirm`. Labels arrive late, in `<s5l><span>`.
   */
  publishBar: 'ode-admin-root ode-mass-mail div.mailing__publish',
  publishRow: ':scope > div',
  publishButtons: ':scope > button.cell',
  /** The teacher's class page: the big buttons under the class header (entcore view-src/class-admin.html). */
  classOptions: 'section.class-admin__options',
} as const;

/** Our « Publipostage avancé » button, wherever it sits: the mark that tells it from the console's own. */
export const DOOR_CLASS = 'publipostage-one-door';

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

/** True once the Angular app has drawn the massmail tab (the table may still be empty). */
export function massmailPageReady(doc: Document): boolean {
  return !!doc.querySelector(SEL.table);
}

/** Rows of the console's table now (0 while it boots, or when its own read failed). */
export function tableRowCount(doc: Document): number {
  const table = doc.querySelector(SEL.table);
  return table ? table.querySelectorAll(SEL.rows).length : 0;
}

/**
 * Where the « Publipostage avancé » button goes, or null. Unlike `$`, this one fails quietly: the
 * button is a convenience, so when the console's DOM is not what we know, it simply stays away.
 * Massmail: the `div` that holds the console's « Générer en PDF » / « Envoyer par mail », so that
 * ours is a third button of that row. Teacher's page: after « Créer les fiches de connexion ».
 */
export function doorAnchor(doc: Document, kind: 'massmail' | 'class-admin'): Element | null {
  if (kind === 'massmail') {
    const bar = doc.querySelector(SEL.publishBar);
    const row = bar ? $$(bar, SEL.publishRow).find((d) => $$(d, SEL.publishButtons).length >= 2) : undefined;
    const labels = row ? consoleButtons(row).map(text) : [];
    return labels.includes('Générer en PDF') && labels.includes('Envoyer par mail') ? row! : null;
  }
  const options = doc.querySelector(SEL.classOptions);
  return options && /fiches de connexion/i.test(text(options)) ? options : null;
}

/** The console's own buttons of the publishing row (ours excluded). */
export function consoleButtons(row: Element): Element[] {
  return $$(row, SEL.publishButtons).filter((b) => !b.classList.contains(DOOR_CLASS));
}

/**
 * The class our button takes to look like its neighbours: the console's `button.cell` on the
 * massmail tab (its styles are global: the same orange outline, height and font); none elsewhere.
 */
export function doorButtonClass(kind: 'massmail' | 'class-admin'): string {
  return kind === 'massmail' ? 'cell' : '';
}
