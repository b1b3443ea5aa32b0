/**
 * Cards that are not an account's sheet (pure: no jsPDF here): the class cover (a card at 8 per
 * page, a page otherwise), the family label that opens each household pack, the family line of
 * 1 and 2 per page sheets, and envelope labels.
 */
import { say, type SheetDict } from '../i18n/sheets';
import type { BlockSpec, CardSpec, Rect } from './layout';
import type { CardContext } from './cards';
import type { FamilyInfo } from './households';
import { joinList, unbreakable } from './wording';

export interface CoverInfo {
  className: string;
  teachers: string[];
  sheets: number;
  notActivated: number;
  noEmail: number;
  date: string;
  schoolName?: string;
}

/** Class cover: class, teacher(s), how many sheets, accounts not activated, without e-mail. */
export function coverCardSpec(c: CoverInfo, box: Rect, ctx: CardContext, size: 'card' | 'half' | 'page'): CardSpec {
  const { d } = ctx;
  const k = size === 'page' ? 1.9 : size === 'half' ? 1.5 : 1;
  const line = (id: string, text: string, pt: number, more: Partial<BlockSpec> = {}): BlockSpec => ({
    id, text, size: pt * k, min: Math.min(8.5, pt) * k, gap: 1.4 * k, align: 'center', ...more,
  });
  const blocks: BlockSpec[] = [];
  if (c.schoolName) blocks.push(line('cover.school', c.schoolName, 9, { tone: 'muted', gap: 0 }));
  blocks.push(
    line('cover.title', say(d, 'cover.title'), 9.5, { tone: 'accent', bold: true }),
    line('cover.class', say(d, 'cover.class', { class: c.className }), 15, { bold: true, fit: 'shrink' }),
  );
  if (c.teachers.length) blocks.push(line('cover.teachers', say(d, 'cover.teachers', { n: c.teachers.length, names: joinList(c.teachers, d) }), 9.5, { }));
  blocks.push(
    line('cover.count', say(d, 'cover.count', { n: c.sheets }), 11, { bold: true, gap: 2.2 * k }),
    line('cover.notActivated', say(d, 'cover.notActivated', { n: c.notActivated }), 9.5),
    line('cover.noEmail', say(d, 'cover.noEmail', { n: c.noEmail }), 9.5, { gap: 0.6 * k }),
    line('cover.date', say(d, 'cover.date', { date: c.date }), 8.5, { tone: 'muted', gap: 2.2 * k }),
  );
  return { box, padding: size === 'card' ? 5 : size === 'half' ? 10 : 14, blocks };
}

/** « Alice, Lina (CP A) et Tom (CE1 B) » */
export function childrenList(d: SheetDict, f: FamilyInfo): string {
  return joinList(
    f.children.map((c) => (c.className ? say(d, 'childWithClass', { name: c.firstName, class: unbreakable(c.className) }) : c.firstName)),
    d,
  );
}

/** The label card opening a household pack at 8 per page: cut it with the family's sheets, one envelope. */
export function familyCardSpec(f: FamilyInfo, box: Rect, ctx: CardContext): CardSpec {
  const { d } = ctx;
  return {
    box,
    padding: 5,
    blocks: [
      { id: 'family.title', text: say(d, 'family.title', { name: f.name }), size: 15, min: 8.5, bold: true, fit: 'shrink', tone: 'accent' },
      { id: 'family.count', text: say(d, 'family.count', { n: f.size }), size: 11, min: 8.5, bold: true, gap: 1.5 },
      { id: 'family.children', text: childrenList(d, f), size: 10, min: 8.5, gap: 1.5 },
    ],
  };
}

/** The family line heading each sheet of a pack at 1 and 2 per page: « Famille Roy — fiche 1 sur 3 : … ». */
export function familyLine(d: SheetDict, f: FamilyInfo, i: number): string {
  return `${say(d, 'family.sheet', { name: f.name, i, n: f.size })} · ${childrenList(d, f)}`;
}

/** Envelope label stock: 2 x 7 labels of 99.1 x 38.1 mm on A4 portrait (the usual L7163 layout). */
export const LABELS = { cols: 2, rows: 7, w: 99.1, h: 38.1, x0: 4.65, y0: 15.15, gapX: 2.5, perPage: 14 } as const;

export function labelBox(slot: number): Rect {
  const c = slot % LABELS.cols;
  const r = Math.floor(slot / LABELS.cols);
  return { x: LABELS.x0 + c * (LABELS.w + LABELS.gapX), y: LABELS.y0 + r * LABELS.h, w: LABELS.w, h: LABELS.h };
}

/** One envelope label: the family's name, its children and their classes (never an address). */
export function labelSpec(f: FamilyInfo, box: Rect, ctx: CardContext): CardSpec {
  const { d } = ctx;
  return {
    box,
    padding: 4,
    blocks: [
      { id: 'label.name', text: say(d, 'family.title', { name: f.name }), size: 13, min: 8.5, bold: true, fit: 'shrink' },
      { id: 'label.children', text: childrenList(d, f), size: 10, min: 8.5, gap: 1.2 },
      { id: 'label.count', text: say(d, 'family.count', { n: f.size }), size: 9, min: 8.5, gap: 1, tone: 'muted' },
    ],
  };
}
