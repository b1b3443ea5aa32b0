/**
 * The PDF's streams deflated by the platform's own zlib (`CompressionStream`), after jsPDF has
 * written the document, instead of fflate inside jsPDF's synchronous `output()`. In Chromium,
 * fflate took about a quarter of a 1,000-card render (1.55 MB in 146 streams: 165–600 ms in a page,
 * where the native one takes 37–65 ms one stream after another, and no less when all are started at once).
 *
 * How: while `output()` runs, each stream jsPDF asks to deflate is held and a short placeholder of
 * fixed length is written in its place (jsPDF writes `/Length` of the placeholder and
 * `/Filter /FlateDecode`); then every held stream is deflated, put where its placeholder was, its
 * `/Length` rewritten, and the cross-reference table's offsets moved by what came before each object.
 */

/** Deflates bytes into a zlib stream (RFC 1950: what `/FlateDecode` reads). */
export type Deflate = (data: Uint8Array) => Promise<Uint8Array>;

/** The browser's (or Node's) native deflate, or null where there is none (the caller keeps fflate). */
export const nativeDeflate: Deflate | null = (() => {
  const CS = (globalThis as { CompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array> }).CompressionStream;
  if (typeof CS !== 'function' || typeof Response !== 'function') return null;
  try {
    new CS('deflate');
  } catch {
    return null;
  }
  return async (data: Uint8Array): Promise<Uint8Array> => {
    const cs = new CS('deflate');
    const w = cs.writable.getWriter();
    // not awaited: the writes settle only as the readable side is read
    void w.write(data);
    void w.close();
    return new Uint8Array(await new Response(cs.readable).arrayBuffer());
  };
})();

/**
 * Placeholders, all of one length. NUL and DEL around them: jsPDF writes none of these in its
 * dictionaries, and a stream left to jsPDF (an already compressed image) holding one of them, with
 * this very number, exactly where a placeholder is expected, would still fail the checks in `deflateHeld`.
 */
export const placeholder = (i: number) => `\x00\x7fpp1z${String(i).padStart(7, '0')}\x7f\x00`;
const HOLE = placeholder(0).length;

/** Binary string (one char per byte, as jsPDF writes) into `out` at `at`. */
function putLatin1(out: Uint8Array, at: number, s: string, from = 0, to = s.length) {
  for (let i = from; i < to; i++) out[at + i - from] = s.charCodeAt(i);
}

function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  putLatin1(b, 0, s);
  return b;
}

/**
 * The final PDF from jsPDF's output with placeholders (`pdf`) and the streams held for them
 * (`held[i]` for `placeholder(i)`), each deflated one after the other: all at once was no faster
 * and held every copy at the same time. Throws when the document is not as jsPDF writes it
 * (a placeholder missing or out of place, no cross-reference table): the caller then writes it again with fflate.
 */
export async function deflateHeld(pdf: string, held: string[], deflate: Deflate): Promise<Uint8Array> {
  const lengthKey = `/Length ${HOLE}\n`;
  // [position in pdf, characters replaced, replacement]: ascending positions
  const edits: { at: number; cut: number; bytes: Uint8Array }[] = [];
  let from = 0;
  for (let i = 0; i < held.length; i++) {
    const at = pdf.indexOf(placeholder(i), from);
    if (at < 0 || pdf.slice(at - 7, at) !== 'stream\n' || pdf.slice(at + HOLE, at + HOLE + 10) !== '\nendstream') throw new Error(`deflate: stream ${i} not found`);
    const len = pdf.lastIndexOf(lengthKey, at);
    if (len < from || pdf.lastIndexOf('<<', at) > len || pdf.indexOf('>>\nstream\n', len) !== at - 10) throw new Error(`deflate: /Length of stream ${i} not found`);
    const z = await deflate(latin1Bytes(held[i]!));
    edits.push({ at: len + 8, cut: String(HOLE).length, bytes: latin1Bytes(String(z.length)) });
    edits.push({ at, cut: HOLE, bytes: z });
    held[i] = ''; // the copy can go as soon as it is deflated
    from = at + HOLE;
  }

  const sx = pdf.lastIndexOf('\nstartxref\n');
  const xref = sx < 0 ? NaN : Number(pdf.slice(sx + 11, pdf.indexOf('\n', sx + 11)));
  if (!(xref >= from) || !pdf.startsWith('xref\n0 ', xref)) throw new Error('deflate: no cross-reference table');

  // what each edit moves the bytes after it by, summed: an offset moves by the edits before it
  const moved: number[] = [];
  let shift = 0;
  for (const e of edits) moved.push((shift += e.bytes.length - e.cut));
  const newOffset = (old: number) => {
    let lo = 0;
    let hi = edits.length; // first edit at or after old
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edits[mid]!.at < old) lo = mid + 1;
      else hi = mid;
    }
    return old + (lo ? moved[lo - 1]! : 0);
  };
  const head = pdf.indexOf('\n', xref + 5) + 1; // after « 0 N »
  const count = Number(pdf.slice(xref + 7, head - 1));
  let table = '';
  for (let k = 0, p = head; k < count; k++, p += 20) {
    const entry = pdf.slice(p, p + 20);
    if (!/^\d{10} \d{5} [nf] \n$/.test(entry)) throw new Error('deflate: unexpected cross-reference entry');
    const old = Number(entry.slice(0, 10));
    table += entry[17] === 'n' && old > 0 ? String(newOffset(old)).padStart(10, '0') + entry.slice(10) : entry;
  }
  const tableEnd = head + 20 * count;
  const tail = pdf.slice(xref, head) + table + pdf.slice(tableEnd, sx) + `\nstartxref\n${xref + shift}` + pdf.slice(pdf.indexOf('\n', sx + 11));

  const out = new Uint8Array(xref + shift + tail.length);
  let o = 0;
  let p = 0;
  for (const e of edits) {
    putLatin1(out, o, pdf, p, e.at);
    o += e.at - p;
    out.set(e.bytes, o);
    o += e.bytes.length;
    p = e.at + e.cut;
  }
  putLatin1(out, o, pdf, p, xref);
  o += xref - p;
  putLatin1(out, o, tail);
  return out;
}
