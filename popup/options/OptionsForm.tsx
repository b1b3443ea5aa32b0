import type { Translate } from '../../src/i18n/ui';
import { ModelOptions } from '../shared/ModelOptions';
import { ACADEMIE_TEXT_MAX, CUSTOM_TEXT_MAX, SCHOOL_NAME_MAX, type Settings } from '../../src/settings';
import { SHEET_DICTS } from '../../src/i18n/sheets';
import { OptionsLogo } from './OptionsLogo';
import { CUSTOM_TEXT_LIMITS } from '../../src/pdf/limits';

interface Props {
  t: Translate;
  draft: Settings;
  onChange: (patch: Partial<Settings>) => void;
  onSave: () => void;
  onError: (msg: string) => void;
}

function Radios<K extends 'qrMode' | 'bundles'>({ name, legend, value, options, onChange }: { name: K; legend: string; value: Settings[K]; options: Array<[Settings[K], string]>; onChange: (v: Settings[K]) => void }) {
  return (
    <fieldset class="radios">
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label class="check" key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The custom paragraph's length against each model's limit, as the director types: the models
 * where some cards could not print it (the panel's preview names them before printing).
 */
/**
 * The limits hold beside the default académie notice (its short form at 8 per page): a director's
 * own, longer text leaves less room on teachers' cards, so Réglages says so before any print.
 */
const academieOwn = (s: { customText: string; academieNotice: boolean; academieText: string; sheetLang: 'fr' | 'en' }): boolean =>
  !!s.customText.trim() && s.academieNotice && !!s.academieText.trim() && s.academieText.trim() !== SHEET_DICTS[s.sheetLang]['teacher.academie'];

function customOver(t: Translate, text: string): string | null {
  const n = Array.from(text.trim()).length;
  const over = ([['simplePdf', 'model8'], ['newPdf', 'model2'], ['pdf', 'model1']] as const).filter(([m]) => n > CUSTOM_TEXT_LIMITS[m]);
  if (!over.length) return null;
  const [last] = over[over.length - 1]!;
  return t('optCustomTextOver', { limit: CUSTOM_TEXT_LIMITS[last], model: over.map(([, k]) => t(k)).join(', ') });
}

/** Every setting, labelled; nothing is stored until « Enregistrer ». */
export function OptionsForm({ t, draft, onChange, onSave, onError }: Props) {
  const over = customOver(t, draft.customText);
  return (
    <form
      class="options-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <section aria-labelledby="opt-sheets">
        <h2 id="opt-sheets">{t('optSheetsTitle')}</h2>
        <div class="field">
          <label for="opt-ent-url">{t('optEntUrl')}</label>
          <input id="opt-ent-url" type="url" inputMode="url" autoComplete="url" placeholder="https://" aria-describedby="opt-ent-url-hint" value={draft.entUrl} onInput={(e) => onChange({ entUrl: e.currentTarget.value })} />
          <p id="opt-ent-url-hint" class="hint">{t('optEntUrlHint')}</p>
        </div>
        <div class="field">
          <label for="opt-school">{t('optSchoolName')}</label>
          <input id="opt-school" type="text" maxLength={SCHOOL_NAME_MAX} value={draft.schoolName} onInput={(e) => onChange({ schoolName: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="opt-custom">{t('optCustomText')}</label>
          <textarea id="opt-custom" rows={3} maxLength={CUSTOM_TEXT_MAX} aria-describedby="opt-custom-hint" value={draft.customText} onInput={(e) => onChange({ customText: e.currentTarget.value })} />
          <p id="opt-custom-hint" class="hint" aria-live="polite">
            {t('optCustomTextHint', { n: Array.from(draft.customText.trim()).length, simple: CUSTOM_TEXT_LIMITS.simplePdf, two: CUSTOM_TEXT_LIMITS.newPdf, one: CUSTOM_TEXT_LIMITS.pdf })}
          </p>
          {over && <p class="hint warn" role="status">{over}</p>}
          {!over && academieOwn(draft) && <p class="hint warn">{t('optCustomTextAcademie')}</p>}
        </div>
        <OptionsLogo t={t} logo={draft.logo} onChange={(logo) => onChange({ logo })} onError={onError} />
        <label class="check">
          <input type="checkbox" checked={draft.academieNotice} onChange={(e) => onChange({ academieNotice: e.currentTarget.checked })} />
          <span>{t('optAcademie')}</span>
        </label>
        <div class="field">
          <label for="opt-academie-text">{t('optAcademieText')}</label>
          <textarea id="opt-academie-text" rows={2} maxLength={ACADEMIE_TEXT_MAX} disabled={!draft.academieNotice} aria-describedby="opt-academie-hint"
            placeholder={SHEET_DICTS[draft.sheetLang]['teacher.academie']} value={draft.academieText} onInput={(e) => onChange({ academieText: e.currentTarget.value })} />
          <p id="opt-academie-hint" class="hint">{t('optAcademieTextHint')}</p>
        </div>
        <label class="check">
          <input type="checkbox" checked={draft.mobileApp} onChange={(e) => onChange({ mobileApp: e.currentTarget.checked })} />
          <span>{t('optMobileApp')}</span>
        </label>
        <div class="field">
          <label for="opt-help-url">{t('optHelpUrl')}</label>
          <input id="opt-help-url" type="url" inputMode="url" placeholder="https://" aria-describedby="opt-help-url-hint" value={draft.helpUrl} onInput={(e) => onChange({ helpUrl: e.currentTarget.value })} />
          <p id="opt-help-url-hint" class="hint">{t('optHelpUrlHint')}</p>
        </div>
        <div class="field">
          <label for="opt-sheet-lang">{t('optSheetLang')}</label>
          <select id="opt-sheet-lang" value={draft.sheetLang} onChange={(e) => onChange({ sheetLang: e.currentTarget.value as Settings['sheetLang'] })}>
            <option value="fr" lang="fr">{t('langFr')}</option>
            <option value="en" lang="en">{t('langEn')}</option>
          </select>
        </div>
      </section>

      <section aria-labelledby="opt-defaults">
        <h2 id="opt-defaults">{t('optDefaultsTitle')}</h2>
        <div class="field">
          <label for="opt-model">{t('optDefaultModel')}</label>
          <select id="opt-model" value={draft.defaultModel} onChange={(e) => onChange({ defaultModel: e.currentTarget.value as Settings['defaultModel'] })}>
            <ModelOptions t={t} />
          </select>
        </div>
        <Radios
          name="qrMode"
          legend={t('optQr')}
          value={draft.qrMode}
          options={[
            ['full', t('optQrFull')],
            ['login', t('optQrLogin')],
            ['none', t('optQrNone')],
          ]}
          onChange={(qrMode) => onChange({ qrMode })}
        />
        <Radios
          name="bundles"
          legend={t('optBundles')}
          value={draft.bundles}
          options={[
            ['auto', t('optBundlesAuto')],
            ['on', t('optBundlesOn')],
            ['off', t('optBundlesOff')],
          ]}
          onChange={(bundles) => onChange({ bundles })}
        />
        <label class="check">
          <input type="checkbox" checked={draft.pageCovers} onChange={(e) => onChange({ pageCovers: e.currentTarget.checked })} />
          <span>{t('optPageCovers')}</span>
        </label>
        <div class="field">
          <label for="opt-ui-lang">{t('optUiLang')}</label>
          <select id="opt-ui-lang" value={draft.uiLang} onChange={(e) => onChange({ uiLang: e.currentTarget.value as Settings['uiLang'] })}>
            <option value="auto">{t('optUiLangAuto')}</option>
            <option value="fr" lang="fr">{t('langFr')}</option>
            <option value="en" lang="en">{t('langEn')}</option>
          </select>
        </div>
      </section>

      <p class="buttons">
        <button type="submit" class="primary">
          {t('optSave')}
        </button>
      </p>
    </form>
  );
}
