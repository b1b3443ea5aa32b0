import { useRef } from 'preact/hooks';
import type { Translate } from '../../src/i18n/ui';
import { SettingsError, type SettingsLogo } from '../../src/settings';
import { reencodeLogo } from './logo-image';

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('lecture impossible'));
    r.readAsDataURL(file);
  });
}

/** The logo printed on the sheets: a PNG/JPEG file input, a preview and a remove button. */
export function OptionsLogo({ t, logo, onChange, onError }: { t: Translate; logo: SettingsLogo | null; onChange: (l: SettingsLogo | null) => void; onError: (msg: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    try {
      const dataUrl = await readAsDataUrl(file);
      const format = dataUrl.startsWith('data:image/png') ? 'PNG' : dataUrl.startsWith('data:image/jpeg') ? 'JPEG' : null;
      if (!format) throw new SettingsError('Réglage « Logo » : seules les images PNG et JPEG sont acceptées.');
      onChange(await reencodeLogo({ dataUrl, format }));
    } catch (e) {
      onError(t('optLogoError', { detail: (e as Error).message }));
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const remove = () => {
    onChange(null);
    input.current?.focus();
  };
  return (
    <div class="field logo-field">
      <label for="opt-logo">{t('optLogo')}</label>
      <input ref={input} id="opt-logo" type="file" accept="image/png,image/jpeg" onChange={(e) => pick(e.currentTarget.files?.[0])} />
      {logo ? (
        <div class="logo-preview">
          <img src={logo.dataUrl} alt={t('optLogoPreview')} />
          <button type="button" onClick={remove}>
            {t('optLogoRemove')}
          </button>
        </div>
      ) : (
        <p class="hint">{t('optLogoNone')}</p>
      )}
    </div>
  );
}
