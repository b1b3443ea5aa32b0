/**
 * Slims a TrueType font before handing it to jsPDF. jsPDF's subsetter copies some tables whole into
 * the embedded font, notably `post` with every glyph name (62 KB raw for DejaVu Sans, ~20 KB per
 * embedded font after deflate). We keep only the tables jsPDF reads and turn `post` into a
 * version-3 table (no glyph names, 32 bytes), which PDF viewers do not need.
 */
const KEEP = new Set(['head', 'name', 'cmap', 'hhea', 'maxp', 'hmtx', 'post', 'OS/2', 'loca', 'glyf']);

const cache = new WeakMap<Uint8Array, Uint8Array>();

export function slimTtf(src: Uint8Array): Uint8Array {
  const hit = cache.get(src);
  if (hit) return hit;
  let out: Uint8Array;
  try {
    out = slim(src);
  } catch {
    out = src; // not a TrueType we understand: use it as is
  }
  cache.set(src, out);
  return out;
}

function slim(src: Uint8Array): Uint8Array {
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const version = dv.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) return src;
  const num = dv.getUint16(4);
  const tables: { tag: string; data: Uint8Array }[] = [];
  for (let i = 0; i < num; i++) {
    const p = 12 + 16 * i;
    const tag = String.fromCharCode(src[p]!, src[p + 1]!, src[p + 2]!, src[p + 3]!);
    const off = dv.getUint32(p + 8);
    const len = dv.getUint32(p + 12);
    if (!KEEP.has(tag)) continue;
    let data = src.subarray(off, off + len);
    if (tag === 'post' && len >= 32) {
      data = data.slice(0, 32);
      new DataView(data.buffer, data.byteOffset, 32).setUint32(0, 0x00030000);
    }
    tables.push({ tag, data });
  }
  if (tables.length < KEEP.size - 1) return src; // something essential is missing: leave it alone
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = tables.length;
  let size = 12 + 16 * n;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  o.setUint32(0, 0x00010000);
  o.setUint16(4, n);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= n) {
    pow *= 2;
    log++;
  }
  o.setUint16(6, pow * 16);
  o.setUint16(8, log);
  o.setUint16(10, n * 16 - pow * 16);
  let off = 12 + 16 * n;
  tables.forEach((t, i) => {
    const p = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[p + k] = t.tag.charCodeAt(k);
    out.set(t.data, off);
    o.setUint32(p + 4, checksum(out, off, t.data.length));
    o.setUint32(p + 8, off);
    o.setUint32(p + 12, t.data.length);
    off += (t.data.length + 3) & ~3;
  });
  return out;
}

function checksum(b: Uint8Array, off: number, len: number): number {
  let sum = 0;
  const end = off + ((len + 3) & ~3);
  for (let i = off; i < end; i += 4) sum = (sum + (((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0)) >>> 0;
  return sum;
}

/**
 * jsPDF's `Directory.prototype.encode` (the subset font's table directory and tables, as written
 * into the PDF), the same bytes: jsPDF concatenates plain arrays table by table and writes and
 * checksums them byte by byte through its `Data` reader, about a quarter of a 1,000-card render's
 * CPU in Node for three faces (DejaVu's full `hmtx`, `cmap`, `name` and the new `loca`, ~75 KB per
 * face). Its quirks are kept (`entrySelector`), so the output does not change by a byte.
 */
export function encodeDirectory(scalarType: number, tables: Record<string, ArrayLike<number>>): Uint8Array {
  const tags = Object.keys(tables);
  const count = tags.length;
  const searchRange = Math.floor(Math.log(count) / Math.LN2) * 16;
  const entrySelector = Math.floor(searchRange / Math.LN2);
  let size = 12 + 16 * count;
  for (const t of tags) size += (tables[t]!.length + 3) & ~3;
  const out = new Uint8Array(size);
  const u32 = (at: number, v: number) => {
    out[at] = (v >>> 24) & 0xff;
    out[at + 1] = (v >> 16) & 0xff;
    out[at + 2] = (v >> 8) & 0xff;
    out[at + 3] = v & 0xff;
  };
  const int = (at: number, v: number) => u32(at, v < 0 ? v + 0x100000000 : v);
  const short = (at: number, v: number) => {
    if (v < 0) v += 0x10000;
    out[at] = (v >> 8) & 0xff;
    out[at + 1] = v & 0xff;
  };
  int(0, scalarType);
  short(4, count);
  short(6, searchRange);
  short(8, entrySelector);
  short(10, count * 16 - searchRange);
  let offset = 12 + 16 * count;
  let head = 0;
  tags.forEach((tag, i) => {
    const table = tables[tag]!;
    const p = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[p + k] = tag.charCodeAt(k);
    out.set(table, offset);
    int(p + 4, wordSum(out, offset, table.length) & 0xffffffff);
    int(p + 8, offset);
    int(p + 12, table.length);
    if (tag === 'head') head = offset;
    offset += (table.length + 3) & ~3;
  });
  u32(head + 8, 0xb1b0afba - (wordSum(out, 0, size) & 0xffffffff));
  return out;
}

/** jsPDF's checksum before its `& 0xffffffff`: the big-endian words summed as plain numbers (zero padding is already in place). */
function wordSum(b: Uint8Array, off: number, len: number): number {
  let sum = 0;
  const end = off + ((len + 3) & ~3);
  for (let i = off; i < end; i += 4) sum += b[i]! * 0x1000000 + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
  return sum;
}
