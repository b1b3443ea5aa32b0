// Run-time behaviour switches of the fake console (set via options or POST /__test/knobs).

export const DEFAULT_KNOBS = Object.freeze({
  latencyMs: 0,            // delay added to every /directory request
  failEveryNth: 0,         // every Nth /directory request answers 500 (0 = off)
  failRate: 0,             // fraction of /directory JSON/mail requests answering 500 (seeded PRNG)
  failSeed: 42,            // seed of that PRNG (reset with the knobs)
  timeoutEveryNth: 0,      // every Nth /directory request hangs `hangMs` then the socket is destroyed
  hangMs: 60000,
  // null, or { path, pass }: the /directory requests whose path contains `path` wait, all but the first
  // `pass` of them since the hold was set, until the hold is lifted (null, another path) or `pass` grows.
  // A test's stopwatch-free way to keep a run going while it looks at it (instead of a long latency).
  hold: null,
  malformedJson: false,    // allUsers answers truncated JSON (200, application/json)
  expireSessionAfter: 0,   // a session dies after N authenticated requests (0 = never)
  // Checks the user owes, as entcore's MandatoryUserValidationFilter sees them (302 to the check's page
  // on every secured route until the session validates it; /auth/* always passes). See server.mjs.
  mfaRequired: false,      // needMfa: MFA-protected routes (§1.1-1.4, class-admin page, class/admin/list) → /auth/validate-mfa
  termsRequired: false,    // needRevalidateTerms → /auth/revalidate-terms
  mailCheckRequired: false, // needRevalidateEmail → /auth/validate-mail?force=true&type=email
  smsCheckRequired: false, // needRevalidateMobile → /auth/validate-mail?force=true&type=sms
  // Paths (substrings) the resource filter refuses for this user: 401 with entcore's error page
  // (ActionFilter.deny), as for a right the account lacks. e.g. ['/massMail/allUsers', '/class-admin/massmail'].
  denyPaths: [],
  allUsersStatus: 0,       // force allUsers to answer this status (e.g. 404), to every caller (the real console page too)
  expiredAnswer: 'redirect', // without a valid session: 'redirect' (302 /auth/login), '401' (JSON routes), 'sso' (302 to another origin)
  classlessRelatives: false, // true or [ids]: parents in no class (old imports); allUsers then gives them no children (model.mjs)
  detachedIds: [],          // [ids]: accounts that left the school after the read (class-admin/massmail then refuses them)
  foreignAdmlIds: [],       // [ids]: these users also get ADMIN_LOCAL scoped to another structure only (an ADML of another school)
  blockedProfiles: [],      // profile names `/directory/profiles` reports blocked: their users cannot activate (DefaultUserAuthAccount)
  hugeLoginIds: [],         // [ids]: accounts whose login is 3,000 characters (hostile or broken import data: entcore stores `login` as given)
  // GET /auth/context (auth.mjs): the platform's password rule, its text per language, mandatory fields.
  // null = entcore's defaults; e.g. { regex: '.{12}.*', fr: 'Au moins 12 caractères…', en: '…' } for another ENT.
  passwordRule: null,
  passwordHintAsKey: false, // the platform lacks the translation: the text is the i18n key, resolved by /auth/i18n
  mandatoryMail: false,     // `mandatory.mail`: the activation form requires an e-mail address
  authContextStatus: 0,     // force /auth/context to answer this status (e.g. 500): the sheets print a neutral sentence
  teacherTwoSchools: false, // the `teacher` role also teaches the big school's first class (two schools on the class page)
});

export function makeKnobs(initial = {}) {
  return { ...DEFAULT_KNOBS, ...pickKnobs(initial) };
}

export function pickKnobs(obj) {
  const out = {};
  for (const k of Object.keys(DEFAULT_KNOBS)) if (obj && obj[k] !== undefined) out[k] = obj[k];
  return out;
}
