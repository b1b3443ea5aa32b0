/**
 * A QR code's modules for the sheets: one byte-mode segment, error correction M, mask pattern 1
 * (ISO/IEC 18004). The same matrix as `QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel:
 * 'M', maskPattern: 1 })` of the qrcode package (checked against it in test/unit/pdf-qr.test.ts), at
 * a fraction of its cost: qrcode builds the Reed–Solomon generator anew for every code, divides with
 * a new array per step and keeps a second matrix of reserved modules; with 1,000 cards that was
 * about a tenth of a render (issue 23). Here the generators are kept per degree, and the fixed
 * patterns and the data path per version.
 */

/** Codewords per version (data + error correction), from 1 to 40. */
const TOTAL = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404, 466, 532, 581, 655, 733, 815, 901, 991, 1085, 1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185, 2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706];
/** Level M: error-correction blocks, and error-correction codewords in all, per version. */
const BLOCKS_M = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
const EC_M = [10, 16, 26, 36, 48, 64, 72, 88, 110, 130, 150, 176, 198, 216, 240, 280, 308, 338, 364, 416, 442, 476, 504, 560, 588, 644, 700, 728, 784, 812, 868, 924, 980, 1036, 1064, 1120, 1204, 1260, 1316, 1372];

/** Level M's format bits (01) with mask 1, BCH-coded and masked: (0b00001 << 10 | BCH) ^ 0x5412. */
const FORMAT_BITS = (() => {
  const data = (0b00 << 3) | 1;
  let d = data << 10;
  const G15 = 0b10100110111;
  for (let k = 14; k >= 10; k--) if ((d >> k) & 1) d ^= G15 << (k - 10);
  return ((data << 10) | d) ^ 0b101010000010010;
})();

// GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}

/** Generator polynomials by degree, highest coefficient (1) first, as the logs of their coefficients (255: a zero coefficient). */
const generators = new Map<number, Uint8Array>();
function generator(degree: number): Uint8Array {
  let g = generators.get(degree);
  if (g) return g;
  let poly = new Uint8Array([1]);
  for (let i = 0; i < degree; i++) {
    const next = new Uint8Array(poly.length + 1);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j]!;
      if (poly[j]) next[j + 1] ^= EXP[LOG[poly[j]!]! + i]!;
    }
    poly = next;
  }
  generators.set(degree, (g = poly.map((c) => (c ? LOG[c]! : 255))));
  return g;
}

/** The remainder of data·x^degree divided by the generator: the block's error-correction codewords. */
function rsRemainder(data: Uint8Array, degree: number): Uint8Array {
  const gen = generator(degree);
  const r = new Uint8Array(degree);
  for (let i = 0; i < data.length; i++) {
    const factor = data[i]! ^ r[0]!;
    if (!factor) {
      r.copyWithin(0, 1);
      r[degree - 1] = 0;
      continue;
    }
    // shifted by one and the generator times the factor added, in one pass
    const lf = LOG[factor]!;
    for (let j = 0; j < degree; j++) {
      const lg = gen[j + 1]!;
      r[j] = (j + 1 < degree ? r[j + 1]! : 0) ^ (lg !== 255 ? EXP[lg + lf]! : 0);
    }
  }
  return r;
}

const sizeOf = (version: number) => version * 4 + 17;
const dataCodewords = (version: number) => TOTAL[version - 1]! - EC_M[version - 1]!;
/** Bytes a byte-mode segment holds at this version (mode indicator and count taken off). */
const capacity = (version: number) => Math.floor((dataCodewords(version) * 8 - 4 - (version < 10 ? 8 : 16)) / 8);

/** Alignment pattern centres along one axis. */
function alignmentCoords(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const size = sizeOf(version);
  const interval = size === 145 ? 26 : Math.ceil((size - 13) / (2 * count - 2)) * 2;
  const out = [size - 7];
  for (let i = 1; i < count - 1; i++) out[i] = out[i - 1]! - interval;
  out.push(6);
  return out.reverse();
}

interface Frame {
  size: number;
  /** The finder, timing and alignment patterns, format and version information: the final modules outside the data. */
  base: Uint8Array;
  /** Module indexes of the data bits, in placement order, and whether mask 1 darkens each (even row). */
  path: Uint32Array;
  flip: Uint8Array;
}
const frames = new Map<number, Frame>();

/** The version's fixed modules and its data path, computed once per version. */
function frame(version: number): Frame {
  let f = frames.get(version);
  if (f) return f;
  const size = sizeOf(version);
  const base = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (r: number, c: number, dark: boolean | number) => {
    base[r * size + c] = dark ? 1 : 0;
    reserved[r * size + c] = 1;
  };
  for (const [row, col] of [[0, 0], [size - 7, 0], [0, size - 7]] as const) {
    for (let r = -1; r <= 7; r++) {
      if (row + r <= -1 || size <= row + r) continue;
      for (let c = -1; c <= 7; c++) {
        if (col + c <= -1 || size <= col + c) continue;
        const dark = (r >= 0 && r <= 6 && (c === 0 || c === 6)) || (c >= 0 && c <= 6 && (r === 0 || r === 6)) || (r >= 2 && r <= 4 && c >= 2 && c <= 4);
        set(row + r, col + c, dark);
      }
    }
  }
  for (let r = 8; r < size - 8; r++) {
    set(r, 6, r % 2 === 0);
    set(6, r, r % 2 === 0);
  }
  const coords = alignmentCoords(version);
  const last = coords.length - 1;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j <= last; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let r = -2; r <= 2; r++) for (let c = -2; c <= 2; c++) set(coords[i]! + r, coords[j]! + c, r === -2 || r === 2 || c === -2 || c === 2 || (r === 0 && c === 0));
    }
  }
  for (let i = 0; i < 15; i++) {
    const dark = (FORMAT_BITS >> i) & 1;
    if (i < 6) set(i, 8, dark);
    else if (i < 8) set(i + 1, 8, dark);
    else set(size - 15 + i, 8, dark);
    if (i < 8) set(8, size - i - 1, dark);
    else if (i < 9) set(8, 15 - i, dark);
    else set(8, 15 - i - 1, dark);
  }
  set(size - 8, 8, 1);
  if (version >= 7) {
    let d = version << 12;
    const G18 = 0b1111100100101;
    for (let k = 17; k >= 12; k--) if ((d >> k) & 1) d ^= G18 << (k - 12);
    const bits = (version << 12) | d;
    for (let i = 0; i < 18; i++) {
      const row = Math.floor(i / 3);
      const col = (i % 3) + size - 11;
      const dark = (bits >> i) & 1;
      set(row, col, dark);
      set(col, row, dark);
    }
  }
  const path: number[] = [];
  let inc = -1;
  let row = size - 1;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (;;) {
      for (let c = 0; c < 2; c++) if (!reserved[row * size + col - c]) path.push(row * size + col - c);
      row += inc;
      if (row < 0 || size <= row) {
        row -= inc;
        inc = -inc;
        break;
      }
    }
  }
  const flip = new Uint8Array(path.length);
  path.forEach((k, i) => (flip[i] = Math.floor(k / size) % 2 === 0 ? 1 : 0));
  frames.set(version, (f = { size, base, path: Uint32Array.from(path), flip }));
  return f;
}

/** The smallest version (level M) whose byte segment holds `n` bytes, or 0 if none does. */
export function qrVersion(n: number): number {
  for (let v = 1; v <= 40; v++) if (n <= capacity(v)) return v;
  return 0;
}

/**
 * Modules row by row, 1 = dark, `size` per side; throws when the bytes exceed version 40 at level M.
 * `reuse`: a previous result's `data`, written over when it has this version's size (qr.ts, one QR after another).
 */
export function qrMatrix(bytes: Uint8Array, reuse?: Uint8Array): { size: number; data: Uint8Array } {
  const version = qrVersion(bytes.length);
  if (!version) throw new Error('The amount of data is too big to be stored in a QR Code');
  const nData = dataCodewords(version);
  // the bit stream: mode 0100, count, bytes, terminator, zero bits to a byte, then 0xEC 0x11…
  const stream = new Uint8Array(nData);
  let bitLen = 0;
  const put = (value: number, bits: number) => {
    for (let i = bits - 1; i >= 0; i--, bitLen++) if ((value >>> i) & 1) stream[bitLen >> 3] |= 0x80 >> (bitLen & 7);
  };
  put(0b0100, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  // the header took 12 or 20 bits: each byte straddles two, its high half ending the first
  for (let i = 0, at = bitLen >> 3; i < bytes.length; i++, at++) {
    const b = bytes[i]!;
    stream[at] |= b >> 4;
    stream[at + 1] = (b & 15) << 4;
  }
  bitLen += bytes.length * 8;
  if (bitLen + 4 <= nData * 8) bitLen += 4;
  bitLen = (bitLen + 7) & ~7;
  for (let i = bitLen >> 3, k = 0; i < nData; i++, k++) stream[i] = k % 2 ? 0x11 : 0xec;
  // blocks, their error correction, interleaved
  const total = TOTAL[version - 1]!;
  const blocks = BLOCKS_M[version - 1]!;
  const inGroup2 = total % blocks;
  const inGroup1 = blocks - inGroup2;
  const data1 = Math.floor(nData / blocks);
  const ecCount = Math.floor(total / blocks) - data1;
  const dc: Uint8Array[] = [];
  const ec: Uint8Array[] = [];
  for (let b = 0, off = 0; b < blocks; b++) {
    const n = b < inGroup1 ? data1 : data1 + 1;
    dc.push(stream.subarray(off, off + n));
    ec.push(rsRemainder(dc[b]!, ecCount));
    off += n;
  }
  const codewords = new Uint8Array(total);
  let k = 0;
  for (let i = 0; i <= data1; i++) for (let b = 0; b < blocks; b++) if (i < dc[b]!.length) codewords[k++] = dc[b]![i]!;
  for (let i = 0; i < ecCount; i++) for (let b = 0; b < blocks; b++) codewords[k++] = ec[b]![i]!;
  // the data path, masked (mask 1: even rows); the path's modules past the codewords stay light before the mask
  const { size, base, path, flip } = frame(version);
  const out = reuse?.length === base.length ? (reuse.set(base), reuse) : base.slice();
  const bits = total * 8;
  for (let i = 0; i < path.length; i++) {
    const dark = i < bits ? (codewords[i >> 3]! >> (7 - (i & 7))) & 1 : 0;
    out[path[i]!] = dark ^ flip[i]!;
  }
  return { size, data: out };
}
