/**
 * What Chrome warns at install, as Chrome computes it, for every Chrome package we ship (issue
 * 15): the default package asks for no more than chatgptt.me; only the separate proxy package
 * carries the all-sites warning that the `proxy` permission implies. The manifests are the ones
 * the build writes (scripts/manifest.ts, the same function `npm run build` uses).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveManifest } from '../../scripts/manifest';
import { ROOT, launchExtension, type ExtensionHarness } from './harness';
import { permissionWarnings } from './permission-warnings';

const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;
const ONLY_CHAT_SITE = ['Read and change your data on chatgptt.me'];

describe('install warnings of the Chrome packages (Chrome’s own computation)', () => {
  let harness: ExtensionHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await launchExtension();
    page = await harness.openPage('popup/popup.html');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('the default package: only chatgptt.me, no proxy permission, the side panel adds nothing', async () => {
    const release = resolveManifest(source, 'chrome') as { permissions: string[] };
    expect(release.permissions).not.toContain('proxy');
    expect(release.permissions).toContain('sidePanel');
    expect(release).toHaveProperty('side_panel.default_path', 'panel/panel.html');
    expect(await permissionWarnings(page, release)).toEqual(ONLY_CHAT_SITE);
    const withoutPanel = {
      ...release,
      permissions: release.permissions.filter((p) => p !== 'sidePanel'),
    };
    expect(await permissionWarnings(page, withoutPanel)).toEqual(ONLY_CHAT_SITE);
  });

  it('the proxy package: the all-sites warning, and nothing else beyond it', async () => {
    const proxied = resolveManifest(source, 'chrome-proxy') as { permissions: string[] };
    expect(proxied.permissions).toContain('proxy');
    const warnings = await permissionWarnings(page, proxied);
    expect(warnings).toEqual(['Read and change all your data on all websites']);
  });

  it('the check sees a warning when there is one (tabs adds the history warning)', async () => {
    const release = resolveManifest(source, 'chrome') as { permissions: string[] };
    const tabs = { ...release, permissions: [...release.permissions, 'tabs'] };
    expect(await permissionWarnings(page, tabs)).not.toEqual(ONLY_CHAT_SITE);
  });

  it('the Firefox manifest keeps proxy optional and declares a closed sidebar', () => {
    const firefox = resolveManifest(source, 'firefox') as {
      permissions: string[];
      optional_permissions: string[];
      sidebar_action: { default_panel: string; open_at_install: boolean };
    };
    expect(firefox.permissions).not.toContain('proxy');
    expect(firefox.optional_permissions).toContain('proxy');
    expect(firefox.sidebar_action).toMatchObject({
      default_panel: 'panel/panel.html',
      open_at_install: false,
    });
  });
});
