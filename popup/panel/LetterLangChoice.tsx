import { LETTERS, SECOND_LANGS, type LetterLang } from '../../src/i18n/letter';
import { lang, t } from '../shared/lang';

/** « Langue de la lettre »: French alone, or French followed by one of the letter's languages. */
export function LetterLangChoice({ id, value, onChange, label = t('letterLang') }: { id: string; value: LetterLang; onChange: (l: LetterLang) => void; label?: string }) {
  const en = lang() === 'en';
  return (
    <label class="model-choice" for={id}>
      <span>{label}</span>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as LetterLang)}>
        <option value="fr">{t('letterLangFrOnly')}</option>
        {SECOND_LANGS.map((l) => (
          <option key={l} value={l}>
            {t('letterLangPlus', { name: en ? LETTERS[l].nameEn : LETTERS[l].nameFr, own: LETTERS[l].name })}
          </option>
        ))}
      </select>
    </label>
  );
}
