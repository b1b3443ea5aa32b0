/**
 * « Activer sur ce site »: ENTs that run the same entcore console under a host not listed in the
 * manifest. The user types the ENT's address; the click asks for that one origin (optional host
 * permission `https://<host>/*`); the background then registers the content script for it, on the
 * console's two page families only, and keeps the registrations in step with the granted origins
 * (permissions.onAdded / onRemoved, install, start-up).
 *
 * Why a typed address rather than the current tab's: without the `tabs` or `activeTab` permission
 * the popup is not told the URL of a tab on a host we have no access to, so it cannot know it.
 */
import { ext } from '../../src/platform/browser-api';

export const SCRIPT_PREFIX = 'ent-';

export interface Site {
  origin: string;
  host: string;
}

/** A site-parsing error, with a French message for the popup and options page. */
export class SiteError extends Error {}

/** `ent.mon-ecole.fr`, `https://ent.mon-ecole.fr/admin/…` → `{ origin: 'https://ent.mon-ecole.fr', host }`. */
export function parseSite(input: string): Site {
  const s = input.trim();
  if (!s) throw new SiteError('saisissez l’adresse de votre ENT');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
  } catch {
    throw new SiteError(`« ${s.slice(0, 80)} » n’est pas une adresse web`);
  }
  if (url.protocol !== 'https:') throw new SiteError('l’adresse doit commencer par https://');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) throw new SiteError(`« ${url.hostname} » n’est pas un nom de site`);
  const host = url.hostname.toLowerCase();
  return { origin: `https://${host}`, host };
}

/** The optional host permission asked for a site: every port and path of that host, https only. */
export const sitePattern = (host: string): string => `https://${host}/*`;

/** The dynamic content script of a site: the same script and pages as the manifest's known hosts. */
export function scriptFor(host: string): chrome.scripting.RegisteredContentScript {
  const origin = `https://${host}`;
  return {
    id: SCRIPT_PREFIX + host,
    matches: [`${origin}/admin/*`, `${origin}/directory/class-admin*`],
    js: ['content.js'],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

/** Hosts of the manifest's content scripts (known consoles). */
export function knownHosts(manifest: { content_scripts?: Array<{ matches?: string[] }> }): Set<string> {
  const hosts = new Set<string>();
  for (const cs of manifest.content_scripts ?? []) for (const m of cs.matches ?? []) hosts.add(new URL(m.replace('*', 'x')).hostname);
  return hosts;
}

/** Hosts granted at run time: `https://<host>/*` origins, known hosts and wildcards left out. */
export function grantedSites(origins: readonly string[], known: Set<string>): string[] {
  const out: string[] = [];
  for (const o of origins) {
    const m = /^https:\/\/([^/*:]+)\/\*$/.exec(o);
    if (m && !known.has(m[1]!)) out.push(m[1]!);
  }
  return [...new Set(out)].sort();
}

/** What to change so that exactly the granted sites have a registered script. */
export function planSync(granted: readonly string[], registeredIds: readonly string[]): { register: string[]; unregister: string[] } {
  const want = new Set(granted.map((h) => SCRIPT_PREFIX + h));
  const have = new Set(registeredIds.filter((id) => id.startsWith(SCRIPT_PREFIX)));
  return {
    register: granted.filter((h) => !have.has(SCRIPT_PREFIX + h)),
    unregister: [...have].filter((id) => !want.has(id)),
  };
}

export const isKnownHost = (host: string): boolean => knownHosts(ext().runtime.getManifest()).has(host);

export async function enabledSites(): Promise<string[]> {
  const api = ext();
  const all = await api.permissions.getAll();
  return grantedSites(all.origins ?? [], knownHosts(api.runtime.getManifest()));
}

let syncing: Promise<void> = Promise.resolve();

/** Registers / unregisters dynamic content scripts to match the granted sites. Serialised, idempotent. */
export function syncSiteScripts(): Promise<void> {
  syncing = syncing.then(async () => {
    const { scripting } = ext();
    const granted = await enabledSites();
    const registered = await scripting.getRegisteredContentScripts();
    const plan = planSync(granted, registered.map((s) => s.id));
    if (plan.unregister.length) await scripting.unregisterContentScripts({ ids: plan.unregister }).catch(() => undefined);
    for (const host of plan.register) {
      // Another page may have registered it a moment ago: a duplicate id is not an error here.
      await scripting.registerContentScripts([scriptFor(host)]).catch((e: Error) => {
        if (!/duplicate/i.test(e.message)) throw e;
      });
    }
  }).catch(() => undefined);
  return syncing;
}

/**
 * Asks for one site's permission. Call it synchronously from the click handler (the browser wants
 * the user's gesture), then the registration follows (background on permissions.onAdded, and here).
 */
export async function enableSite(site: Site): Promise<boolean> {
  const granted = await ext().permissions.request({ origins: [sitePattern(site.host)] });
  if (granted) await syncSiteScripts();
  return granted;
}

export async function disableSite(host: string): Promise<void> {
  await ext().permissions.remove({ origins: [sitePattern(host)] });
  await syncSiteScripts();
}
