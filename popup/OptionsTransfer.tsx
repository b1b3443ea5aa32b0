import { useRef } from 'preact/hooks';
import type { Translate } from '../src/i18n/ui';
import { exportSettings, importSettings, type Settings } from '../src/settings';

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

interface Props {
  t: Translate;
  draft: Settings;
  onImported: (s: Settings) => void;
  onError: (msg: string) => void;
}

/** « Exporter les réglages » (the form as it is) and « Importer des réglages » (checked, then saved). */
export function OptionsTransfer({ t, draft, onImported, onError }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const doExport = () => {
    try {
      download(exportSettings(draft), EXPORT_FILE_NAME);
    } catch (e) {
      onError(t('optSaveError', { detail: (e as Error).message }));
    }
  };
  const doImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      onImported(importSettings(await file.text()));
    } catch (e) {
      onError(t('optImportError', { detail: (e as Error).message }));
    } finally {
      if (input.current) input.current.value = '';
    }
  };
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
    </section>
  );
}
