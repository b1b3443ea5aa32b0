/**
 * The settings in extension storage (`storage.local`, key `settings`): choices only, never account data.
 * A stored value that no longer validates is ignored (defaults), never half-applied.
 */
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../src/settings';
import { ext } from '../../src/platform/browser-api';

export const SETTINGS_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  try {
    const got = await ext().storage.local.get(SETTINGS_KEY);
    const raw = got[SETTINGS_KEY];
    return raw === undefined ? { ...DEFAULT_SETTINGS } : validateSettings(raw);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Validates, then stores; throws the SettingsError of a bad value. Returns what was stored. */
export async function saveSettings(s: Settings): Promise<Settings> {
  const valid = validateSettings(s);
  await ext().storage.local.set({ [SETTINGS_KEY]: valid });
  return valid;
}

/** Calls `cb` with the new settings whenever they are saved (by the options page or an import). */
export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    try {
      cb(validateSettings(changes[SETTINGS_KEY]!.newValue));
    } catch {
      cb({ ...DEFAULT_SETTINGS });
    }
  };
  ext().storage.onChanged.addListener(listener);
  return () => ext().storage.onChanged.removeListener(listener);
}
