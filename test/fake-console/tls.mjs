// Self-signed certificate for the fake console, made once per process with the openssl CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CERT_SAN = 'DNS:oneconnect.edifice.io,DNS:*.example.test,DNS:localhost,IP:127.0.0.1';
let cached = null;

/** @returns {{key: string, cert: string}} PEM strings (cached for the life of the process). */
export function selfSignedCert() {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'fake-one-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=oneconnect.edifice.io/O=Fake ONE console',
      '-addext', `subjectAltName=${CERT_SAN}`], { stdio: 'pipe' });
    cached = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
