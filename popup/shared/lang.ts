/** The interface language, chosen once when a page starts (setting, else the browser's language). */
import { pickLang, translator, type Lang, type Translate } from '../../src/i18n/ui';

let current: Lang = pickLang(navigator.language);
let translate: Translate = translator(current);

export function initLang(setting: 'auto' | 'fr' | 'en' | undefined): void {
  current = setting === 'fr' || setting === 'en' ? setting : pickLang(navigator.language);
  translate = translator(current);
  document.documentElement.lang = current;
}

export const lang = (): Lang => current;
export const t: Translate = (key, subs) => translate(key, subs);
