import { test, expect } from '@playwright/test';
import QRCode from 'qrcode';
import { qrMatrix, qrVersion } from '../../src/pdf/qr-encode';
import { QR_MAX_BYTES } from '../../src/pdf/qr';

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
