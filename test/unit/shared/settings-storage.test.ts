import { expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../src/shared/settings';
import { getSettings, updateSettings } from '../../../src/shared/settings-storage';
import { fakeBrowser } from '../browser-module';

// src/shared/browser is the unit project's in-memory fake here (vitest.config.ts).
it('reads the defaults from empty storage and keeps an update, versioned', async () => {
  expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  const fallback = !DEFAULT_SETTINGS.fallback;
  await updateSettings({ fallback });
  expect((await getSettings()).fallback).toBe(fallback);
  expect(fakeBrowser.local.get('settings')).toMatchObject({ fallback, version: SETTINGS_VERSION });
});
