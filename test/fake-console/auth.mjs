// Sessions and /auth pages of the fake console (one-console.md §6, §8).
import { randomBytes } from 'node:crypto';
import { escapeHtml as e, readForm, redirect, sendHtml, send, sendJson } from './http-util.mjs';
import { DEMO_STRUCTURE_ID } from './demo-data.mjs';

export const DEFAULT_LANDING = `/admin/${DEMO_STRUCTURE_ID}/imports-exports/massmail`;

export function createSession(state, user, { mfaValidated = false } = {}) {
  const s = { id: randomBytes(16).toString('hex'), xsrf: randomBytes(16).toString('hex'), userId: user.id, login: user.login,
    created: Date.now(), count: 0, mfaValidated };
  state.sessions.set(s.id, s);
  return s;
}

export function sessionCookies(state, s) {
  const secure = state.https ? '; Secure' : '';
  return [`oneSessionId=${s.id}; Path=/; HttpOnly; SameSite=Lax${secure}`, `XSRF-TOKEN=${s.xsrf}; Path=/; SameSite=Lax${secure}`];
}

export function clearCookies(state) {
  return ['oneSessionId=; Path=/; Max-Age=0', 'XSRF-TOKEN=; Path=/; Max-Age=0'];
}

export function findByLogin(state, login) {
  const l = String(login ?? '').trim().toLowerCase();
  if (!l) return null;
  for (const u of state.data.usersById.values()) if (u.login === l || (u.loginAlias && u.loginAlias.toLowerCase() === l)) return u;
  return null;
}

function safeCallBack(cb) {
  const s = String(cb ?? '');
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  try { const u = new URL(s); return u.pathname + u.search + u.hash; } catch { return DEFAULT_LANDING; }
}

const layout = (title, body) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>body{font-family:sans-serif;background:#f4f6fb;margin:0}main{max-width:420px;margin:60px auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 2px 8px #0002}label{display:block;margin-top:12px}input[type=text],input[type=password],input[type=email]{width:100%;padding:6px;box-sizing:border-box}.error{color:#b00}button{margin-top:16px}</style>
</head><body class="auth"><main>${body}</main></body></html>`;

export function loginPage({ callBack = '', error = '', login = '' } = {}) {
  return layout('ONE - Connexion', `<h1>Connexion</h1>
<p>Bienvenue sur ONE, l'ENT du primaire.</p>
${error ? `<p class="error">${e(error)}</p>` : ''}
<form method="post" action="/auth/login" id="login-form">
  <input type="hidden" name="callBack" value="${e(callBack)}">
  <label for="email">Identifiant</label><input type="text" id="email" name="email" value="${e(login)}" autocomplete="username">
  <label for="password">Mot de passe</label><input type="password" id="password" name="password" autocomplete="current-password">
  <button type="submit" class="button">Connexion</button>
</form>
<p><a href="/auth/forgot">Mot de passe oublié ?</a> · <a href="/auth/activation">Activer mon compte</a></p>`);
}

/**
 * The password rule of the platform, as entcore's AuthController reads it from its configuration
 * (`passwordRegex`, default `.{8}.*`) and its text from the i18n key `password.rules.activation`
 * (auth/src/main/java/org/entcore/auth/controllers/AuthController.java, `context()`). The default
 * text is entcore's own (auth/src/main/resources/i18n/fr.json, en.json), which says 6 characters
 * while the default regex asks 8: nothing keeps them in step (one-console.md §10).
 */
export const DEFAULT_PASSWORD_RULE = Object.freeze({
  regex: '.{8}.*',
  fr: 'Votre mot de passe doit contenir au moins 6 caractères.',
  en: 'Your password must contain at least 6 characters.',
});
export const PASSWORD_RULE_KEY = 'password.rules.activation';
const passwordRule = (state) => ({ ...DEFAULT_PASSWORD_RULE, ...(state.knobs.passwordRule ?? {}) });

/**
 * `GET /auth/context`, public (no session needed), as AuthController.context() renders it:
 * callBack, cgu, passwordRegex, mandatory, passwordRegexI18n and passwordRegexI18nActivation as
 * objects by language (the platform's translation of `password.rules.reset` / `.activation`;
 * entcore's I18n returns the key itself when a translation is missing), mfaConfig.
 */
export function authContext(state) {
  const rule = passwordRule(state);
  const text = (lang) => (state.knobs.passwordHintAsKey ? PASSWORD_RULE_KEY : rule[lang]);
  return {
    callBack: '/timeline/timeline',
    cgu: true,
    passwordRegex: rule.regex,
    mandatory: { mail: !!state.knobs.mandatoryMail, phone: false },
    passwordRegexI18n: { fr: text('fr'), en: text('en') },
    passwordRegexI18nActivation: { fr: text('fr'), en: text('en') },
    mfaConfig: [],
  };
}

/**
 * `GET /auth/i18n`: the auth module's bundle in the Accept-Language language (entcore's pages load
 * it with `addBundle('/auth/i18n')`; keys from auth/src/main/resources/i18n/fr.json, en.json).
 */
export function authI18n(state, acceptLanguage) {
  const lang = String(acceptLanguage ?? '').toLowerCase().startsWith('en') ? 'en' : 'fr';
  const rule = passwordRule(state);
  return lang === 'en'
    ? { [PASSWORD_RULE_KEY]: rule.en, 'auth.activation.header': 'Account activation' }
    : { [PASSWORD_RULE_KEY]: rule.fr, 'auth.activation.header': 'Activation de votre compte' };
}

/**
 * The activation page. As entcore's auth/src/main/resources/public/template/activation-form.html,
 * there is no field for the code: the page takes `login` and `activationCode` from its own URL
 * (auth/.../public/ts/controllers/activation.ts). Opened with the login alone, it cannot activate
 * (entcore answers `auth.activation.error.code.missing`).
 */
export function activationPage({ login = '', activationCode = '', error = '', mailRequired = false } = {}) {
  return layout('ONE - Activation du compte', `<h1>Activation de votre compte</h1>
${error ? `<p class="error">${e(error)}</p>` : ''}
<form method="post" action="/auth/activation" id="activation-form">
  <p>Identifiant : <strong id="login-shown">${e(login)}</strong></p>
  <input type="hidden" name="login" value="${e(login)}">
  ${activationCode ? `<input type="hidden" name="activationCode" value="${e(activationCode)}">` : ''}
  <label for="password">Nouveau mot de passe</label><input type="password" id="password" name="password">
  <label for="confirmPassword">Confirmer le mot de passe</label><input type="password" id="confirmPassword" name="confirmPassword">
  <label for="mail">Courriel${mailRequired ? '' : ' (facultatif)'}</label><input type="email" id="mail" name="mail"${mailRequired ? ' required' : ''}>
  <label for="phone">Téléphone (facultatif)</label><input type="text" id="phone" name="phone">
  <input type="hidden" name="theme" value="one">
  <label><input type="checkbox" name="acceptCGU" value="true"> J'accepte les conditions générales d'utilisation</label>
  <button type="submit" class="button">Activer</button>
</form>`);
}

/** @returns {Promise<boolean>} */
export async function handleAuth(ctx) {
  const { req, res, path, query, state } = ctx;
  if (path === '/auth/login' && req.method === 'GET') return sendHtml(res, 200, loginPage({ callBack: query.callBack ?? '' })), true;
  if (path === '/auth/login' && req.method === 'POST') {
    const f = await readForm(req);
    const u = findByLogin(state, f.email);
    if (u && u.activationCode && f.password === u.activationCode) {
      return sendHtml(res, 200, activationPage({ login: u.login, activationCode: u.activationCode, mailRequired: !!state.knobs.mandatoryMail })), true;
    }
    if (!u || !u.password || f.password !== u.password) {
      return sendHtml(res, 200, loginPage({ callBack: f.callBack, login: f.email, error: 'Identifiant ou mot de passe incorrect.' })), true;
    }
    if (u.blocked) return sendHtml(res, 200, loginPage({ callBack: f.callBack, login: f.email, error: 'Votre compte est bloqué.' })), true;
    const s = createSession(state, u);
    return redirect(res, f.callBack ? safeCallBack(f.callBack) : DEFAULT_LANDING, { 'Set-Cookie': sessionCookies(state, s) }), true;
  }
  // The logged-in user as entcore's front ends read it (model.me): the teacher page needs its id.
  if (path === '/auth/oauth2/userinfo' && req.method === 'GET') {
    const u = ctx.user;
    if (!u) return sendJson(res, 401, { error: 'not.authenticated' }), true;
    return sendJson(res, 200, {
      userId: u.id, login: u.loginAlias ?? u.login, username: u.displayName, firstName: u.firstName, lastName: u.lastName,
      type: u.profile, structures: u.structures, classes: u.classes, functions: Object.fromEntries(u.functions.map(([f, scope]) => [f, { code: f, scope }])),
    }), true;
  }
  if (path === '/auth/logout') return redirect(res, '/auth/login', { 'Set-Cookie': clearCookies(state) }), true;
  if (path === '/auth/context' && req.method === 'GET') {
    const status = state.knobs.authContextStatus;
    if (status) return sendJson(res, status, { error: 'fake failure (authContextStatus)' }), true;
    return sendJson(res, 200, authContext(state)), true;
  }
  if (path === '/auth/i18n' && req.method === 'GET') return sendJson(res, 200, authI18n(state, req.headers['accept-language'])), true;
  const mailRequired = !!state.knobs.mandatoryMail;
  if (path === '/auth/activation' && req.method === 'GET') {
    return sendHtml(res, 200, activationPage({ login: query.login ?? '', activationCode: query.activationCode ?? '', mailRequired })), true;
  }
  if (path === '/auth/activation' && req.method === 'POST') {
    const f = await readForm(req);
    const u = findByLogin(state, f.login);
    // the platform's own rule, anchored as entcore's Pattern.matcher(...).matches() does
    const ruleOk = new RegExp(`^(?:${passwordRule(state).regex})$`).test(f.password ?? '');
    // DefaultUserAuthAccount.activateAccount matches only `(NOT EXISTS(n.blocked) OR n.blocked = false)` users whose
    // profile is not blocked (`p.blocked`): a blocked account never activates, and gets entcore's `activation.error`.
    const blocked = u && (u.blocked || (state.knobs.blockedProfiles ?? []).includes(u.profile));
    const err = !f.activationCode ? "Le code d'activation est manquant." // entcore: auth.activation.error.code.missing
      : !u || !u.activationCode || u.activationCode !== f.activationCode ? "Identifiant ou code d'activation incorrect."
        : !f.password || f.password !== f.confirmPassword ? 'Les mots de passe ne correspondent pas.'
          : !ruleOk ? 'Le mot de passe ne respecte pas les règles de la plateforme.'
            : mailRequired && !f.mail ? 'Le courriel est obligatoire.'
              : f.acceptCGU !== 'true' ? "Vous devez accepter les conditions générales d'utilisation."
                // the activation query itself, after the form's checks (AuthController.activeAccount)
                : blocked ? "Erreur lors de l'activation, veuillez vérifier votre identifiant et votre code d'activation." : '';
    if (err) return sendHtml(res, 200, activationPage({ login: f.login, activationCode: f.activationCode, error: err, mailRequired })), true;
    u.activationCode = null;
    u.password = f.password;
    if (f.mail) u.email = f.mail;
    const s = createSession(state, u);
    return redirect(res, '/timeline/timeline', { 'Set-Cookie': sessionCookies(state, s) }), true;
  }
  if (path === '/auth/forgot') {
    return sendHtml(res, 200, layout('ONE - Mot de passe oublié', `<h1>Mot de passe oublié</h1>
${req.method === 'POST' ? '<p class="success">Un courriel vous a été envoyé.</p>' : ''}
<form method="post" action="/auth/forgot"><label for="login">Identifiant</label><input type="text" id="login" name="login"><button type="submit">Envoyer</button></form>`)), true;
  }
  if (path.startsWith('/auth/reset/')) {
    return sendHtml(res, 200, layout('ONE - Réinitialisation', '<h1>Réinitialiser mon mot de passe</h1>')), true;
  }
  if (path === '/auth/validate-mfa' && req.method === 'GET') {
    return sendHtml(res, 200, layout('ONE - Validation', `<h1>Vérification de sécurité</h1>
<p>Saisissez le code reçu pour accéder aux fonctions d'administration.</p>
<form method="post" action="/auth/validate-mfa"><input type="hidden" name="callBack" value="${e(query.callBack ?? '')}">
<label for="code">Code</label><input type="text" id="code" name="code" value="123456"><button type="submit">Valider</button></form>`)), true;
  }
  if (path === '/auth/validate-mfa' && req.method === 'POST') {
    const f = await readForm(req);
    if (!ctx.session) return redirect(res, `/auth/login?callBack=${encodeURIComponent('/auth/validate-mfa')}`), true;
    ctx.session.mfaValidated = true;
    return redirect(res, f.callBack ? safeCallBack(f.callBack) : DEFAULT_LANDING), true;
  }
  return send(res, 404, 'Not found'), true;
}
