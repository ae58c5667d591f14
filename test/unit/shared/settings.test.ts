import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, migrateSettings } from '../../../src/shared/settings';

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

describe('stored settings the worker acts on are checked', () => {
  it('drops non-web sites, a proxy host that is not a host name, and values of the wrong kind', () => {
    const checked = migrateSettings({
      version: SETTINGS_VERSION,
      sites: [{ url: 'javascript:alert(1)' }, { url: 'https://ok.example/chat/' }, 'x', null],
      defaultSite: 'file:///etc/passwd',
      proxy: { enabled: true, scheme: 'ftp', host: 'a"; return "DIRECT', port: 8080 },
      sidebarWidth: 'wide',
      sidebarMode: 'sideways',
      language: 'xx',
      selectionButton: 'yes',
      selectionDenyList: ['ok.example', 3],
      contextBudget: Number.NaN,
    });
    expect(checked.sites).toEqual([{ url: 'https://ok.example/chat/' }]);
    expect(checked.defaultSite).toBe('https://ok.example/chat/');
    expect(checked.proxy).toEqual({ enabled: false, scheme: 'http', host: '', port: 8080 });
    expect(checked.sidebarWidth).toBe(DEFAULT_SETTINGS.sidebarWidth);
    expect(checked.sidebarMode).toBe('overlay');
    expect(checked.language).toBe('auto');
    expect(checked.selectionButton).toBe(false);
    expect(checked.selectionDenyList).toEqual(['ok.example']);
    expect(checked.contextBudget).toBe(DEFAULT_SETTINGS.contextBudget);
  });

  it('keeps a good proxy and sites as they are', () => {
    const proxy = { enabled: true, scheme: 'socks5', host: '[::1]', port: 1080 };
    const checked = migrateSettings({ version: SETTINGS_VERSION, proxy });
    expect(checked.proxy).toEqual(proxy);
    expect(checked.sites).toEqual(DEFAULT_SETTINGS.sites);
  });

  it("keeps a site's well-formed last check and drops a malformed one", () => {
    const sites = [
      { url: 'https://a.example/', check: { ok: false, at: 5, kind: 'challenge' } },
      { url: 'https://b.example/', check: { ok: 'no', at: 5 } },
      { url: 'https://c.example/', check: { ok: true, at: 6 } },
    ];
    const checked = migrateSettings({ version: SETTINGS_VERSION, sites });
    expect(checked.sites).toEqual([
      sites[0],
      { url: 'https://b.example/' },
      { url: 'https://c.example/', check: { ok: true, at: 6 } },
    ]);
  });
});
