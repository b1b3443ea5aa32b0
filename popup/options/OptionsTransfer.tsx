import { useRef, useState } from 'preact/hooks';
import type { Translate } from '../../src/i18n/ui';
import { entUrlTrusted, exportSettings, importSettings, type Settings } from '../../src/settings';
import { ext } from '../../src/platform/browser-api';
import { enabledSites, knownHosts } from '../shared/enable-site';
import { reencodeLogo } from './logo-image';

export const EXPORT_FILE_NAME = 'publipostage-one-reglages.json';

/** Saves text as a file through the browser's download (an anchor on a blob URL: no permission needed). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Hosts an imported ENT address may name without a question: the manifest's consoles and the sites the user enabled. */
async function trustedHosts(): Promise<Set<string>> {
  const hosts = knownHosts(ext().runtime.getManifest());
  for (const h of await enabledSites().catch(() => [])) hosts.add(h);
  return hosts;
}

interface Props {
  t: Translate;
  draft: Settings;
  /** The stored settings: the "old" address shown when an import would change it. */
  saved: Settings;
  onImported: (s: Settings) => void;
  onError: (msg: string) => void;
  onCancelled: () => void;
}

/**
 * « Exporter les réglages » (the form as it is) and « Importer des réglages »: the file is checked
 * whole (src/settings.ts), its logo decoded and re-encoded, and an ENT address on a host the
 * extension does not know is only taken after an explicit confirmation showing the old and new
 * address (a shared file must not silently send every QR code elsewhere).
 */
export function OptionsTransfer({ t, draft, saved, onImported, onError, onCancelled }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Settings | null>(null);
  const doExport = () => {
    try {
      download(exportSettings(draft), EXPORT_FILE_NAME);
    } catch (e) {
      onError(t('optSaveError', { detail: (e as Error).message }));
    }
  };
  const doImport = async (file: File | undefined) => {
    if (!file) return;
    setPending(null);
    try {
      let s = importSettings(await file.text());
      if (s.logo) s = { ...s, logo: await reencodeLogo(s.logo) };
      if (s.entUrl !== saved.entUrl && !entUrlTrusted(s.entUrl, await trustedHosts())) setPending(s);
      else onImported(s);
    } catch (e) {
      onError(t('optImportError', { detail: (e as Error).message }));
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const shown = (url: string) => url || t('optImportConsoleUrl');
  return (
    <section aria-labelledby="opt-transfer">
      <h2 id="opt-transfer">{t('optTransferTitle')}</h2>
      <p class="hint">{t('optTransferHint')}</p>
      <p class="buttons">
        <button type="button" onClick={doExport}>
          {t('optExport')}
        </button>
      </p>
      <div class="field">
        <label for="opt-import">{t('optImport')}</label>
        <input ref={input} id="opt-import" type="file" accept=".json,application/json" onChange={(e) => doImport(e.currentTarget.files?.[0])} />
      </div>
      {pending && (
        <div role="alertdialog" aria-labelledby="opt-import-confirm-title" aria-describedby="opt-import-confirm-text" class="confirm">
          <h3 id="opt-import-confirm-title">{t('optImportConfirmTitle')}</h3>
          <p id="opt-import-confirm-text">{t('optImportConfirm')}</p>
          <ul>
            <li>{t('optImportOld', { url: shown(saved.entUrl) })}</li>
            <li>
              <strong>{t('optImportNew', { url: shown(pending.entUrl) })}</strong>
            </li>
          </ul>
          <p class="buttons">
            <button type="button" onClick={() => (setPending(null), onImported(pending))}>
              {t('optImportAccept')}
            </button>
            <button type="button" autoFocus onClick={() => (setPending(null), onCancelled())}>
              {t('optImportCancel')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
