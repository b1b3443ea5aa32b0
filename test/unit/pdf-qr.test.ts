import { test, expect } from '@playwright/test';
import QRCode from 'qrcode';
import { qrMatrix, qrVersion } from '../../src/pdf/qr-encode';
import { QR_MAX_BYTES, endsInlineData, qrImage } from '../../src/pdf/qr';

const utf8 = new TextEncoder();
/** Deterministic pseudo-random bytes (a run is the same every time). */
function bytesOf(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) out[i] = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}

test('our QR encoder draws, module for module, the matrix of the qrcode package (byte mode, level M, mask 1), at every version', () => {
  const inputs: Uint8Array[] = [
    utf8.encode('https://oneconnect.edifice.io/auth/activation?login=elise.dupont12&activationCode=X1158K3'),
    utf8.encode('https://ent.example.fr/auth/login'),
    utf8.encode('é'),
    utf8.encode(`https://oneconnect.edifice.io/auth/activation?login=${encodeURIComponent('maximilien-alexandre.de-la-rochefoucauld')}&activationCode=ABCDEFGH`),
  ];
  // the largest length each version holds, and one more (the next version's smallest), from version 1 to 40
  for (let v = 1; v <= 40; v++) {
    let max = 0;
    while (max < QR_MAX_BYTES && qrVersion(max + 1) <= v) max++;
    inputs.push(bytesOf(max, v), bytesOf(Math.min(max + 1, QR_MAX_BYTES), 100 + v));
  }
  expect(qrVersion(QR_MAX_BYTES)).toBe(40);
  expect(qrVersion(QR_MAX_BYTES + 1)).toBe(0);
  const versions = new Set<number>();
  for (const bytes of inputs) {
    const ref = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 1 });
    versions.add(ref.version);
    const ours = qrMatrix(bytes);
    expect(ours.size, `${bytes.length} bytes`).toBe(ref.modules.size);
    const diff = ours.data.findIndex((d, i) => d !== (ref.modules.data[i] ? 1 : 0));
    expect(diff, `${bytes.length} bytes, version ${ref.version}: first differing module`).toBe(-1);
  }
  expect(versions.size).toBe(40);
  expect(() => qrMatrix(new Uint8Array(QR_MAX_BYTES + 1))).toThrow(/too big/);
});

test('the QR image, one after another in reused buffers: each the qrcode package\'s modules bit for bit, in ASCII-hex exactly when its bytes hold « EI » and white space', () => {
  // lengths going up and down, so the buffers are reused across versions
  for (let i = 0; i < 80; i++) {
    const text = `https://oneconnect.edifice.io/auth/activation?login=${'x'.repeat((i * 37) % 160)}${i}&activationCode=K${(i * 7919) % 1000000}é`;
    const img = qrImage(text);
    const ref = QRCode.create([{ data: utf8.encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 1 }).modules;
    expect(img.modules).toBe(ref.size);
    const bytes = img.hex ? Buffer.from(img.data.slice(0, -1), 'hex') : Buffer.from(img.data, 'latin1');
    const perRow = Math.ceil(ref.size / 8);
    expect(bytes.length).toBe(perRow * ref.size);
    for (let y = 0; y < ref.size; y++)
      for (let x = 0; x < ref.size; x++) {
        const light = (bytes[y * perRow + (x >> 3)]! >> (7 - (x & 7))) & 1;
        if (light === (ref.data[y * ref.size + x] ? 1 : 0)) throw new Error(`${text}: module ${x},${y}`);
      }
    expect(img.hex, text).toBe(/EI[\x00\t\n\f\r ]/.test(bytes.toString('latin1') + ' '));
  }
  // « EI » then white space is rare in a QR's bytes (none in 200,000 activation links): planted here
  let planted = 0;
  for (let i = 0; i < 3000; i++) {
    const b = bytesOf(20 + (i % 50), i);
    if (i % 3) b.set([0x45, 0x49, [0, 9, 10, 12, 13, 32, 0x45, 0x41][i % 8]!].slice(0, i % 5 ? 3 : 2), i % 5 ? (i * 7) % (b.length - 2) : b.length - 2);
    const expected = /EI[\x00\t\n\f\r ]/.test(Buffer.from(b).toString('latin1') + ' ');
    if (endsInlineData(b) !== expected) throw new Error(`${Buffer.from(b).toString('hex')}: expected ${expected}`);
    if (expected) planted++;
  }
  expect(planted).toBeGreaterThan(1000);
});
