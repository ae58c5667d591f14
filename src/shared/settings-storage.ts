/**
 * The settings in storage.local: every context reads them here; views write them here too (the
 * worker listens for changes). What they are and how they migrate is settings.ts.
 */
import browser from './browser';
import { SETTINGS_VERSION, migrateSettings, type Settings } from './settings';

const STORAGE_KEY = 'settings';

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(STORAGE_KEY);
  return migrateSettings(stored[STORAGE_KEY]);
}

/** Merges `patch` over the current settings and saves them. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch, version: SETTINGS_VERSION };
  await browser.storage.local.set({ [STORAGE_KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change; returns the unsubscribe. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area !== 'local' || !(STORAGE_KEY in changes)) return;
    listener(migrateSettings(changes[STORAGE_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
