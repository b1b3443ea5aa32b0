/**
 * « Lettre aux familles »: one A4 letter per family (the household packs' families), pure layout.
 *
 * A letter opens with « Famille … », the school and the date; a table lists each account of the
 * family (name and class, identifiant, code or « compte activé », the QR code that activates it);
 * one set of instructions follows, in French, each section followed by the same section in the
 * family's second language when one is chosen. A family whose rows do not hold on the first page
 * continues on the next page of the same letter (never on a page of its own without its head);
 * instructions never split inside a section. Nothing is left out: the only thing that can go wrong
 * is a word wider than its column, cut inside, and the layout says where (`broken`).
 *
 * Layout only (a Measurer, no jsPDF): sheets.ts draws the ops, fit.ts counts the pages, the
 * preview shows them.
 */
import type { Account } from '../model/account';
import { displayName, isActivated } from '../model/account';
import type { PasswordRule } from '../console/password-rule';
import { frenchSpaces } from '../i18n/french';
import { letterTexts } from '../i18n/letter';
import { ruleSentenceIn } from '../i18n/letter/rule';
import { fill, type LetterKey, type LetterLang, type LetterTexts } from '../i18n/letter/types';
import { familyInfo, isFamily } from './households';
import { BASELINE_EM, PT, lineHeight, type Measurer, type Tone } from './layout';
import { qrLeftOut } from './qr';
import { cleanUrl, profileLabel, qrText, type QrMode } from './wording';
import { dictFor } from './wording';

/** What the letter draws, in page millimetres; a text's `y` is its baseline. */
export type LetterOp =
  | { op: 'text'; id: string; x: number; y: number; text: string; size: number; bold: boolean; mono: boolean; tone: Tone; align: 'left' | 'right'; rtl?: boolean }
  | { op: 'qr'; id: string; x: number; y: number; size: number; text: string }
  | { op: 'line'; x: number; y: number; w: number; strong: boolean }
  | { op: 'bar'; x: number; y: number; h: number };

export interface LetterPage {
  ops: LetterOp[];
}

/** What every letter of a run shares. */
export interface LetterEnv {
  entUrl: string;
  qr: QrMode;
  date: string;
  schoolName?: string;
  /** The ENT's rule (its regex read), for the sentence in every language; absent or null = neutral sentence. */
  passwordRule?: PasswordRule | null;
  /** The French sentence as the sheets print it (the ENT's own text when it agrees with its rule). */
  passwordHint?: string;
  mailRequired?: boolean | null;
  mobileApp?: boolean;
  helpUrl?: string;
  customText?: string;
}

/** One letter: its family and, when chosen, its second language; `since` makes it a relaunch letter. */
export interface LetterInput {
  accounts: Account[];
  lang2?: LetterLang;
  relaunch?: { since?: string };
}

export interface LetterLayout {
  pages: LetterPage[];
  /** Each account's row, in order: the letter's page it stands on (1-based) and whether a word was cut. */
  rows: { accountId: string; name: string; page: number; broken: string[] }[];
}

// ---- geometry (mm) ----
const PAGE = { w: 210, h: 297 };
const M = { x: 15, top: 14, bottom: 14 };
const W = PAGE.w - 2 * M.x;
const BOTTOM = PAGE.h - M.bottom;
export const LETTER_COLS = { name: { x: 15, w: 58 }, login: { x: 76, w: 57 }, code: { x: 136, w: 33 }, qr: { x: 171, size: 24 } } as const;
const ROW_PAD = 1.6;
/** Body text of the instructions: the 1-per-page sheet's floor. */
export const LETTER_PT = { body: 10, title: 11, family: 18, name: 11, role: 9, login: 11, loginFloor: 7, code: 13, codeFloor: 10, head: 8.5 } as const;

const base = (y: number, size: number) => y + BASELINE_EM * size * PT;

function wrap(m: Measurer, text: string, size: number, bold: boolean, w: number, mono = false): { lines: string[]; broken: boolean } {
  return m.wrap ? m.wrap(text, size, bold, w, mono) : { lines: m.split(text, size, bold, w, mono), broken: false };
}

/** Largest size in [floor, size] at which `text` stands on one line of `w`, or null. */
function oneLine(m: Measurer, text: string, size: number, floor: number, bold: boolean, w: number, mono = false): number | null {
  for (let s = size; s >= floor - 1e-6; s = Math.round((s - 0.5) * 10) / 10) if (m.width(text, s, bold, mono) <= w) return s;
  return null;
}

/** A text's lines placed from `y` (top of the first line); returns the ops and the height used. */
function lines(id: string, ls: string[], x: number, y: number, size: number, bold: boolean, tone: Tone, align: 'left' | 'right' = 'left', mono = false, rtl = false) {
  const lh = lineHeight(size);
  const ops: LetterOp[] = ls.map((text, i) => ({ op: 'text', id, x, y: base(y + i * lh, size), text, size, bold, mono, tone, align, ...(rtl ? { rtl } : {}) }));
  return { ops, h: ls.length * lh };
}

/** The family's heading: « Famille D'Almeida » (a pupil or a parent), else the person's name (a teacher alone). */
export function letterTitle(group: Account[]): string {
  if (isFamily(group) || group.some((a) => a.profile === 'Student' || a.profile === 'Relative')) return frenchSpaces(`Famille ${familyInfo(group).name}`);
  return displayName(group[0]!);
}

/** A row's second line: the profile and, for a pupil or a teacher, the classes (« Élève — CE2 B »). */
function roleLine(a: Account): string {
  const d = dictFor('fr');
  const classes = a.classes.map((c) => c.name).filter(Boolean);
  return a.profile === 'Relative' || !classes.length ? profileLabel(a, d) : `${profileLabel(a, d)} — ${classes.join(', ')}`;
}

interface Row {
  account: Account;
  h: number;
  draw: (y: number) => LetterOp[];
  broken: string[];
}

function layoutRow(a: Account, env: LetterEnv, m: Measurer, t2: LetterTexts | null): Row {
  const P = LETTER_PT;
  const C = LETTER_COLS;
  const broken: string[] = [];
  const name = wrap(m, displayName(a), P.name, true, C.name.w);
  if (name.broken) broken.push('name');
  const role = wrap(m, roleLine(a), P.role, false, C.name.w);
  // The identifiant stands whole on one line, shrunk if it must; one too long for its column takes
  // a line of its own under the name, as wide as the text columns, then wraps (and says so when cut).
  const wideW = C.qr.x - 2 - C.name.x;
  let loginSize = oneLine(m, a.login, P.login, P.loginFloor, true, C.login.w);
  let loginLines = [a.login];
  let wide = false;
  if (loginSize === null) {
    wide = true;
    loginSize = oneLine(m, a.login, P.login, P.loginFloor, true, wideW);
    if (loginSize === null) {
      loginSize = P.loginFloor;
      const w = wrap(m, a.login, loginSize, true, wideW);
      loginLines = w.lines;
      if (w.broken) broken.push('login');
    }
  }
  const code = a.activationCode ?? null;
  const codeSize = code ? (oneLine(m, code, P.code, P.codeFloor, true, C.code.w, true) ?? P.codeFloor) : P.body;
  const codeLines = code ? wrap(m, code, codeSize, true, C.code.w, true) : wrap(m, letterTexts('fr').activated, P.body, false, C.code.w);
  if (codeLines.broken) broken.push('code');
  const activated2 = !code && t2 ? wrap(m, `(${t2.activated})`, P.role, false, C.code.w) : null;
  const qr = code ? qrText(a, env.entUrl, env.qr) : null;
  const hasQr = !!qr && !qrLeftOut(qr);
  const nameH = name.lines.length * lineHeight(P.name) + 0.6 + role.lines.length * lineHeight(P.role);
  const loginH = loginLines.length * lineHeight(loginSize);
  const textH = Math.max(
    nameH + (wide ? 1 + loginH : 0),
    wide ? 0 : loginH,
    codeLines.lines.length * lineHeight(codeSize) + (activated2 ? 0.6 + activated2.lines.length * lineHeight(P.role) : 0),
  );
  const h = Math.max(textH, hasQr ? C.qr.size : 0) + 2 * ROW_PAD;
  const draw = (y: number): LetterOp[] => {
    const top = y + ROW_PAD;
    // the texts stand level with the top of the QR's dark modules (its quiet zone is 4 of ~33 modules)
    const ty = hasQr ? top + 1.5 : top;
    const n = lines('name', name.lines, C.name.x, ty, P.name, true, 'text');
    const r = lines('role', role.lines, C.name.x, ty + n.h + 0.6, P.role, false, 'muted');
    const l = lines('login', loginLines, wide ? C.name.x : C.login.x, wide ? ty + nameH + 1 : ty, loginSize!, true, 'text');
    const c = lines(code ? 'code' : 'activated', codeLines.lines, C.code.x, ty, codeSize, !!code, code ? 'code' : 'muted', 'left', !!code);
    const a2 = activated2 ? lines('activated2', activated2.lines, C.code.x, ty + c.h + 0.6, P.role, false, 'muted', 'left', false, t2!.rtl) : { ops: [] };
    const ops: LetterOp[] = [...n.ops, ...r.ops, ...l.ops, ...c.ops, ...a2.ops];
    if (hasQr) ops.push({ op: 'qr', id: 'qr', x: C.qr.x, y: top, size: C.qr.size, text: qr! });
    ops.push({ op: 'line', x: M.x, y: y + h, w: W, strong: false });
    return ops;
  };
  return { account: a, h, draw, broken };
}

/** Table headings: the French word, and under it the second language's. */
function tableHead(t2: LetterTexts | null, qrShown: boolean): { h: number; draw: (y: number) => LetterOp[] } {
  const fr = letterTexts('fr');
  const P = LETTER_PT;
  const C = LETTER_COLS;
  const cols: [LetterKey, number][] = [['col.name', C.name.x], ['col.login', C.login.x], ['col.code', C.code.x], ...(qrShown ? [['col.qr', C.qr.x] as [LetterKey, number]] : [])];
  const lh = lineHeight(P.head);
  const h = lh * (t2 ? 2 : 1) + 1.2;
  return {
    h,
    draw: (y) => {
      const ops: LetterOp[] = [];
      for (const [k, x] of cols) {
        ops.push({ op: 'text', id: 'head', x, y: base(y, P.head), text: fr[k], size: P.head, bold: true, mono: false, tone: 'muted', align: 'left' });
        if (t2) ops.push({ op: 'text', id: 'head2', x, y: base(y + lh, P.head), text: t2[k], size: P.head, bold: false, mono: false, tone: 'muted', align: 'left', ...(t2.rtl ? { rtl: true } : {}) });
      }
      ops.push({ op: 'line', x: M.x, y: y + h, w: W, strong: true });
      return ops;
    },
  };
}

interface Para {
  id: string;
  text: string;
  bold?: boolean;
  tone?: Tone;
  /** A step number in the margin. */
  label?: string;
  size?: number;
}

/** The ENT's words quoted from the screen (« Mot de passe oublié ? ») never break across lines. */
export const keepTerms = (s: string): string => s.replace(/«[^»]*»/g, (q) => q.replace(/ /g, '\u00a0'));

/** The instructions' sections, in one language. */
function sections(t: LetterTexts, env: LetterEnv, accounts: Account[], qrShown: boolean): { id: string; paras: Para[] }[] {
  const french = t.lang === 'fr';
  const typeset = (s: string) => keepTerms(french ? frenchSpaces(s) : s);
  const say = (k: LetterKey, vars: Record<string, string> = {}) => typeset(fill(t[k], vars));
  const url = cleanUrl(env.entUrl);
  const rule =
    (french && env.passwordHint?.trim()) || (env.passwordRule ? ruleSentenceIn(env.passwordRule, t.rule) : null) || t['rule.neutral'];
  const out: { id: string; paras: Para[] }[] = [];
  const title = (k: LetterKey): Para => ({ id: 'title', text: say(k), bold: true, tone: 'accent', size: LETTER_PT.title });
  if (accounts.some((a) => !isActivated(a))) {
    out.push({
      id: 'activate',
      paras: [
        title('activate.title'),
        { id: 'step1', label: '1.', text: say(qrShown ? 'step1' : 'step1.noQr', { url }) },
        { id: 'step2', label: '2.', text: say('step2') },
        { id: 'step3', label: '3.', text: say('step3', { rule: typeset(rule) }) },
        { id: 'step4', label: '4.', text: say(env.mailRequired ? 'step4.required' : 'step4') },
      ],
    });
  }
  if (accounts.some((a) => isActivated(a))) out.push({ id: 'activated', paras: [title('activated.title'), { id: 'activated.text', text: say('activated.text') }] });
  if (env.mobileApp) out.push({ id: 'app', paras: [{ id: 'app', text: say('app') }] });
  out.push({ id: 'help', paras: [{ id: 'help', text: env.helpUrl ? say('help.url', { url: env.helpUrl }) : say('help.school') }] });
  out.push({ id: 'keep', paras: [{ id: 'keep', text: say(qrShown ? 'keep' : 'keep.noQr'), bold: true }] });
  return out;
}

const INDENT = 6;
const PARA_GAP = 1.4;
const SECTION_GAP = 3.2;

/** A paragraph laid out in its direction: left-aligned (step number on the left) or right-aligned (on the right). */
function layoutPara(p: Para, m: Measurer, rtl: boolean, x: number, w: number, tone2?: Tone): { h: number; broken: boolean; draw: (y: number) => LetterOp[] } {
  const size = p.size ?? LETTER_PT.body;
  const bold = !!p.bold;
  const indent = p.label ? INDENT : 0;
  const wr = wrap(m, p.text, size, bold, w - indent);
  const tone = tone2 ?? p.tone ?? 'text';
  return {
    h: wr.lines.length * lineHeight(size),
    broken: wr.broken,
    draw: (y) => {
      const ops = lines(p.id, wr.lines, rtl ? x + w - indent : x + indent, y, size, bold, tone, rtl ? 'right' : 'left', false, rtl).ops;
      if (p.label) ops.unshift({ op: 'text', id: `${p.id}.label`, x: rtl ? x + w : x, y: base(y, size), text: p.label, size, bold, mono: false, tone, align: rtl ? 'right' : 'left' });
      return ops;
    },
  };
}

/** A block that never splits across pages: a row, or one section of the instructions with its translation. */
interface Block {
  h: number;
  draw: (y: number) => LetterOp[];
  broken: string[];
}

/** One section: its French paragraphs, then (after a bar in the margin) the same paragraphs in the second language. */
function sectionBlock(fr: { id: string; paras: Para[] }, tr: { paras: Para[] } | null, t2: LetterTexts | null, m: Measurer, first: boolean): Block {
  const gap = first ? 0 : SECTION_GAP;
  const frParas = fr.paras.map((p) => layoutPara(p, m, false, M.x, W));
  const trX = M.x + 3;
  const trParas = tr && t2 ? tr.paras.map((p) => layoutPara(p, m, t2.rtl, trX, W - 3, p.tone === 'accent' ? 'accent' : 'muted')) : [];
  const sum = (ps: { h: number }[]) => ps.reduce((s, p, i) => s + p.h + (i ? PARA_GAP : 0), 0);
  const frH = sum(frParas);
  const trH = trParas.length ? 1.6 + sum(trParas) : 0;
  const broken = [...frParas, ...trParas].some((p) => p.broken) ? [fr.id] : [];
  return {
    h: gap + frH + trH,
    broken,
    draw: (y0) => {
      const ops: LetterOp[] = [];
      let y = y0 + gap;
      frParas.forEach((p, i) => {
        if (i) y += PARA_GAP;
        ops.push(...p.draw(y));
        y += p.h;
      });
      if (trParas.length) {
        y += 1.6;
        // the translation hangs from a bar in the margin, so it reads as the French above said again
        ops.push({ op: 'bar', x: M.x + 0.4, y, h: trH - 1.6 });
        trParas.forEach((p, i) => {
          if (i) y += PARA_GAP;
          ops.push(...p.draw(y));
          y += p.h;
        });
      }
      return ops;
    },
  };
}

/**
 * The whole letter of one family: its pages, with every row on the page it stands on. `lang2`
 * French alone when absent or 'fr'.
 */
export function layoutLetter(input: LetterInput, env: LetterEnv, m: Measurer): LetterLayout {
  let l = layoutOnce(input, env, m, '');
  // A letter of several pages says « (1/2) » on its first page too: laid out again with it (its
  // title may take one more line, so the count is checked once more).
  for (let i = 0; i < 2 && l.pages.length > 1; i++) {
    const n = l.pages.length;
    l = layoutOnce(input, env, m, ` (1/${n})`);
    if (l.pages.length === n) break;
  }
  return l;
}

function layoutOnce(input: LetterInput, env: LetterEnv, m: Measurer, firstOf: string): LetterLayout {
  const group = input.accounts;
  const t2 = input.lang2 && input.lang2 !== 'fr' ? letterTexts(input.lang2) : null;
  const fr = letterTexts('fr');
  const P = LETTER_PT;
  const title = letterTitle(group);
  const pages: LetterPage[] = [{ ops: [] }];
  let page = pages[0]!;
  let y = M.top;

  // ---- head: family, school, date; the relaunch's opening
  const dateW = m.width(env.date, P.body, false) + 4;
  const t = wrap(m, title + firstOf, P.family, true, W - dateW);
  page.ops.push({ op: 'text', id: 'date', x: M.x + W, y: base(y, P.body), text: env.date, size: P.body, bold: false, mono: false, tone: 'muted', align: 'right' });
  const tl = lines('family', t.lines, M.x, y, P.family, true, 'accent');
  page.ops.push(...tl.ops);
  y += tl.h + 0.8;
  if (env.schoolName) {
    const s = lines('school', wrap(m, env.schoolName, P.title, false, W).lines, M.x, y, P.title, false, 'muted');
    page.ops.push(...s.ops);
    y += s.h;
  }
  if (input.relaunch) {
    y += 3;
    const titleKey = group.filter((a) => !isActivated(a)).length > 1 ? 'relaunch.titleMany' : 'relaunch.title';
    const heads: Para[] = [{ id: 'relaunch', text: frenchSpaces(fr[titleKey]), bold: true, tone: 'code', size: 13 }];
    if (input.relaunch.since) heads.push({ id: 'relaunch.since', text: frenchSpaces(fill(fr['relaunch.since'], { date: input.relaunch.since })) });
    const tr: Para[] | null = t2
      ? [{ id: 'relaunch', text: t2[titleKey], bold: true, tone: 'code' }, ...(input.relaunch.since ? [{ id: 'relaunch.since', text: fill(t2['relaunch.since'], { date: input.relaunch.since }) }] : [])]
      : null;
    const b = sectionBlock({ id: 'relaunch', paras: heads }, tr ? { paras: tr } : null, t2, m, true);
    page.ops.push(...b.draw(y));
    y += b.h;
  }
  y += 5;

  // No QR on the letter (« QR : aucun », or every login too long for one): neither its column nor « scannez ».
  const qrShown = group.some((a) => {
    const q = a.activationCode ? qrText(a, env.entUrl, env.qr) : null;
    return !!q && !qrLeftOut(q);
  });
  const head = tableHead(t2, qrShown);
  page.ops.push(...head.draw(y));
  y += head.h;

  const newPage = (withHead: boolean) => {
    page = { ops: [] };
    pages.push(page);
    y = M.top;
    // a continued letter says whose it is on every page, so a page that slips out finds its family
    const c = lines('family', wrap(m, `${title} (${pages.length}/…)`, P.title + 1, true, W).lines, M.x, y, P.title + 1, true, 'accent');
    page.ops.push(...c.ops);
    y += c.h + 3;
    if (withHead) {
      page.ops.push(...head.draw(y));
      y += head.h;
    }
  };

  // ---- the table: a row that no longer holds on the page goes to the next one, with the headings again
  const rows: LetterLayout['rows'] = [];
  for (const a of group) {
    const r = layoutRow(a, env, m, t2);
    if (y + r.h > BOTTOM && rows.some((x) => x.page === pages.length)) newPage(true);
    page.ops.push(...r.draw(y));
    y += r.h;
    rows.push({ accountId: a.id, name: displayName(a), page: pages.length, broken: r.broken });
  }

  // ---- the instructions: one section at a time, a section never split; the custom paragraph last, in French
  y += 6;
  const frS = sections(fr, env, group, qrShown);
  const trS = t2 ? sections(t2, env, group, qrShown) : null;
  const blocks = frS.map((s, i) => sectionBlock(s, trS?.[i] ?? null, t2, m, i === 0));
  if (env.customText?.trim()) blocks.push(sectionBlock({ id: 'custom', paras: [{ id: 'custom', text: frenchSpaces(env.customText.trim()) }] }, null, null, m, false));
  const extra: string[] = [];
  blocks.forEach((b, i) => {
    if (y + b.h > BOTTOM && (i > 0 || y > M.top + 40)) newPage(false);
    page.ops.push(...b.draw(y));
    y += b.h;
    extra.push(...b.broken);
  });
  // « (2/…) » becomes « (2/3) » once the count is known
  const n = pages.length;
  for (const p of pages) for (const o of p.ops) if (o.op === 'text' && o.id === 'family' && o.text.endsWith('/…)')) o.text = o.text.replace('/…)', `/${n})`);
  if (extra.length && rows.length) rows[0]!.broken.push(...extra);
  return { pages, rows };
}
