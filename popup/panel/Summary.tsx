import { useEffect } from 'preact/hooks';
import { t } from '../shared/lang';

interface Props {
  selected: number;
  noEmail: number;
  activated: number;
  excluded: number;
}

/**
 * Sticky at the top of the panel: what a filter or a tick just changed is seen at once, at any
 * scroll. « Lancer » jumps to the publishing buttons (far below at 360 px, and many Tabs away).
 */
export function Summary({ selected, noEmail, activated, excluded }: Props) {
  // For `npm run bench`: the counter's first paint (effects run after it), read by openPanel.
  useEffect(() => void performance.mark('pp1:counter'), []);
  const toPublish = () => {
    const h = document.getElementById('publish-title');
    h?.scrollIntoView({ block: 'start' });
    h?.focus();
  };
  return (
    <div class="summary">
      <p class="counters" role="status" aria-live="polite">
        <span class="count-selected">{t('countSelected', { n: selected })}</span>
        <span class="count-no-email">{t('countNoEmail', { n: noEmail })}</span>
        <span class="count-activated">{t('countActivated', { n: activated })}</span>
        <span class="count-excluded">{t('countExcluded', { n: excluded })}</span>
      </p>
      <button type="button" class="link to-publish" onClick={toPublish}>
        {t('toPublish')}
      </button>
    </div>
  );
}
