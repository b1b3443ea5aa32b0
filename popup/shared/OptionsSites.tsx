import { useEffect, useState } from 'preact/hooks';
import { FormNote, type Note } from './FormNote';
import type { Translate } from '../../src/i18n/ui';
import { disableSite, enableSite, enabledSites, isKnownHost, parseSite } from './enable-site';

/**
 * « Activer sur ce site »: the ENT's address, typed (or prefilled when the tab's address is known),
 * and the button that asks for that one origin. The permission request runs synchronously in the
 * click handler: browsers only show the prompt in answer to a user gesture.
 */
export function EnableSiteForm({ t, initial = '', onEnabled }: { t: Translate; initial?: string; onEnabled?: (host: string) => void }) {
  const [address, setAddress] = useState(initial);
  const [note, setNote] = useState<Note>(null);
  useEffect(() => setAddress(initial), [initial]);
  const submit = (e: Event) => {
    e.preventDefault();
    let site;
    try {
      site = parseSite(address);
    } catch (err) {
      return setNote({ kind: 'alert', text: t('siteBad', { detail: (err as Error).message }) });
    }
    if (isKnownHost(site.host)) return setNote({ kind: 'status', text: t('siteKnown', { host: site.host }) });
    enableSite(site)
      .then((granted) => {
        setNote(granted ? { kind: 'status', text: t('siteEnabled', { host: site.host }) } : { kind: 'alert', text: t('siteRefused', { host: site.host }) });
        if (granted) onEnabled?.(site.host);
      })
      .catch((err: Error) => setNote({ kind: 'alert', text: t('siteBad', { detail: err.message }) }));
  };
  return (
    <form class="enable-site" noValidate onSubmit={submit}>
      <div class="field">
        <label for="site-address">{t('siteAddress')}</label>
        <input id="site-address" type="url" inputMode="url" placeholder="https://" aria-describedby="site-address-hint" value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
        <p id="site-address-hint" class="hint">{t('siteAddressHint')}</p>
      </div>
      <button type="submit">{t('siteEnable')}</button>
      <FormNote note={note} />
    </form>
  );
}

/** Options page: the ENTs enabled at run time, each with a way back. */
export function OptionsSites({ t }: { t: Translate }) {
  const [sites, setSites] = useState<string[]>([]);
  const refresh = () => enabledSites().then(setSites, () => setSites([]));
  useEffect(() => {
    refresh();
  }, []);
  return (
    <section aria-labelledby="opt-sites">
      <h2 id="opt-sites">{t('optSitesTitle')}</h2>
      {sites.length ? (
        <ul class="sites">
          {sites.map((host) => (
            <li key={host}>
              <span>{host}</span>{' '}
              <button type="button" onClick={() => disableSite(host).finally(refresh)}>
                {t('optSiteRemove', { host })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t('optSitesNone')}</p>
      )}
      <EnableSiteForm t={t} onEnabled={() => refresh()} />
    </section>
  );
}
