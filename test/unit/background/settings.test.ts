import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, migrateSettings } from '../../../src/shared/settings';

vi.mock('../../../src/shared/browser', () => ({ default: {}, browser: {} }));

describe('settings migrations', () => {
  it('nothing stored gives the defaults', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('an unversioned object is brought to the current version, keeping its values', () => {
    const migrated = migrateSettings({ model: 'gpt-4', fallback: false });
    expect(migrated.version).toBe(SETTINGS_VERSION);
    expect(migrated.model).toBe('gpt-4');
    expect(migrated.fallback).toBe(false);
    expect(migrated.quickActions).toEqual(DEFAULT_SETTINGS.quickActions);
  });

  it('missing keys of a current object come from the defaults', () => {
    const migrated = migrateSettings({ version: SETTINGS_VERSION, sites: [{ url: 'http://x/' }] });
    expect(migrated.sites).toEqual([{ url: 'http://x/' }]);
    expect(migrated.proxy).toEqual(DEFAULT_SETTINGS.proxy);
  });
});
