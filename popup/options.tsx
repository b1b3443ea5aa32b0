import { render } from 'preact';
import { pickLang, translator } from '../src/i18n/ui';

const t = translator(pickLang(navigator.language));

function Options() {
  return (
    <main class="options">
      <h1>{t('extName')}</h1>
      <p>{t('extDescription')}</p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
