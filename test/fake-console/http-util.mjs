// Small HTTP helpers shared by the fake console routes.

export function parseCookies(header) {
  const out = {};
  for (const part of String(header || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** URLSearchParams -> object; repeated keys become arrays. */
export function queryObject(sp) {
  const o = {};
  for (const [k, v] of sp) {
    if (k in o) o[k] = [].concat(o[k], v);
    else o[k] = v;
  }
  return o;
}

export function readBody(req, limit = 5e6) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let n = 0;
    req.on('data', (c) => { n += c.length; if (n > limit) { reject(new Error('body too large')); req.destroy(); } else chunks.push(c); });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function readForm(req) {
  return Object.fromEntries(new URLSearchParams(await readBody(req)));
}

export async function readJson(req) {
  const t = await readBody(req);
  try { return t ? JSON.parse(t) : {}; } catch { return undefined; }
}

export function send(res, status, body = '', headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
  res.writeHead(status, { 'Content-Length': buf.length, 'Cache-Control': 'no-store', ...headers });
  res.end(buf);
}

export function sendJson(res, status, data, headers = {}) {
  send(res, status, JSON.stringify(data), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

export function sendHtml(res, status, html, headers = {}) {
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

export function redirect(res, location, headers = {}) {
  send(res, 302, '', { Location: location, ...headers });
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** JSON safe to embed inside a <script> element. */
export function jsonForScript(data) {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** java.net.URLEncoder.encode(s, "UTF-8"): like encodeURIComponent, but space as + and !'()~ escaped. */
export function javaUrlEncode(s) {
  return encodeURIComponent(s).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/**
 * Where MandatoryUserValidationFilter sends a session that owes MFA on an @MfaProtected route, page or
 * JSON alike: an absolute Location back to the request's absolute URI (entcore-common
 * http/filter/MandatoryUserValidationFilter.java, Renders.redirect).
 */
export function mfaCheckLocation(req, https) {
  const here = `${https ? 'https' : 'http'}://${req.headers.host}`;
  return `${here}/auth/validate-mfa?force=true&redirect=${javaUrlEncode(`${here}${req.url}`)}`;
}
