/**
 * The store paperwork says what the extension does: PRIVACY.md is the README's privacy section
 * (scripts/privacy.ts), every permission of the manifest is justified for the stores, and every
 * kind of data Firefox is told we transmit is explained in the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privacyPolicy, privacySection, ROOT } from '../../../scripts/privacy';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');
const manifest = JSON.parse(read('manifest.json')) as Record<string, unknown>;

/** Every permission name of the manifest, over both browsers' keys (`{{chrome}}.permissions`…). */
function manifestPermissions(): string[] {
  const names = new Set<string>();
  for (const [key, value] of Object.entries(manifest)) {
    if (!/(^|\.)(optional_)?(host_)?permissions$/.test(key) || !Array.isArray(value)) continue;
    for (const name of value) if (typeof name === 'string') names.add(name);
  }
  return [...names];
}

function dataCollection(): { required?: string[]; optional?: string[] } {
  const settings = manifest['{{firefox}}.browser_specific_settings'] as {
    gecko: { data_collection_permissions: { required?: string[]; optional?: string[] } };
  };
  return settings.gecko.data_collection_permissions;
}

describe('privacy policy and store paperwork', () => {
  it('PRIVACY.md is the README privacy section (run `npx tsx scripts/privacy.ts` after editing it)', () => {
    expect(read('PRIVACY.md')).toBe(privacyPolicy(readme));
  });

  it('the section it copies is the real one', () => {
    const section = privacySection(readme);
    expect(section).toContain('| permission | why |');
    expect(section).toContain('**What is sent where.**');
    expect(section).not.toMatch(/^## /m);
  });

  it('every manifest permission has a store justification', () => {
    const justified = read('docs/store/permissions.md');
    const permissions = manifestPermissions();
    expect(permissions.length).toBeGreaterThan(6);
    expect(permissions.filter((name) => !justified.includes(`\`${name}\``))).toEqual([]);
  });

  it('Firefox is told what is transmitted, and the README explains each kind', () => {
    const declared = dataCollection();
    const kinds = [...(declared.required ?? []), ...(declared.optional ?? [])];
    // We send the user's messages and page text to a third-party site: "none" would be untrue.
    expect(kinds).not.toContain('none');
    // The page's title and address go with its text (src/shared/prompt.ts composeMessage):
    // a specific URL the user visits is Firefox's "browsing activity".
    expect(kinds).toEqual(
      expect.arrayContaining(['websiteContent', 'browsingActivity', 'personalCommunications']),
    );
    const section = privacySection(readme);
    expect(kinds.filter((kind) => !section.includes(`\`${kind}\``))).toEqual([]);
  });

  it.each(['en', 'ru'])(
    'the %s short description is the manifest description and fits Chrome (≤ 132)',
    (language) => {
      const listing = read(`docs/store/listing.${language}.md`);
      // The paragraph after the length note, under the second heading.
      const short = listing.split(/^## /m)[2]?.split('\n\n')[2]?.trim() ?? '';
      const locale = JSON.parse(read(`src/locales/${language}/extension.json`)) as {
        ext_description: { message: string };
      };
      expect(short).toBe(locale.ext_description.message);
      expect(short.length).toBeLessThanOrEqual(132);
    },
  );
});
