/**
 * Options page (options_ui, and « Réglages » in the toolbar popup): the sheet settings and the
 * panel's defaults, export / import of a settings file, and the ENTs enabled at run time.
 * French, or English when the interface language says so.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { translator } from '../../src/i18n/ui';
import { uiLangOf, type Settings } from '../../src/settings';
import { loadSettings, saveSettings } from '../shared/settings-store';
import { OptionsForm } from './OptionsForm';
import { OptionsTransfer } from './OptionsTransfer';
import { OptionsSites } from '../shared/OptionsSites';
import { FormNote, type Note } from '../shared/FormNote';


function Options({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(initial);
  const [note, setNote] = useState<Note>(null);
  const lang = uiLangOf(saved, navigator.language);
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = `${t('optionsTitle')} — ${t('extName')}`;

  const store = async (s: Settings, okText: string) => {
    try {
      const stored = await saveSettings(s);
      setSaved(stored);
      setDraft(stored);
      // The confirmation in the language just chosen.
      setNote({ kind: 'status', text: translator(uiLangOf(stored, navigator.language))(okText === 'imported' ? 'optImported' : 'optSaved') });
    } catch (e) {
      setNote({ kind: 'alert', text: t(okText === 'imported' ? 'optImportError' : 'optSaveError', { detail: (e as Error).message }) });
    }
  };
  const onError = (text: string) => setNote({ kind: 'alert', text });

  return (
    <main class="options">
      <h1>
        {t('extName')} — {t('optionsTitle')}
      </h1>
      <p>{t('optionsIntro')}</p>
      <OptionsForm
        t={t}
        draft={draft}
        onChange={(patch) => {
          setDraft((d) => ({ ...d, ...patch }));
          setNote(null);
        }}
        onSave={() => store(draft, 'saved')}
        onError={onError}
      />
      <FormNote note={note} />
      <OptionsTransfer
        t={t}
        draft={draft}
        saved={saved}
        onImported={(s) => store(s, 'imported')}
        onError={onError}
        onCancelled={() => setNote({ kind: 'status', text: t('optImportCancelled') })}
      />
      <OptionsSites t={t} />
    </main>
  );
}

loadSettings().then((s) => render(<Options initial={s} />, document.getElementById('app')!));
