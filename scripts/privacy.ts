/**
 * PRIVACY.md (the privacy policy the stores link to) is made from the README's "Permissions and
 * privacy" section, so the two can never say different things. `npx tsx scripts/privacy.ts`
 * rewrites it; test/unit/docs/privacy.test.ts fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..');
export const SECTION_HEADING = '## Permissions and privacy';

/** The README's privacy section, without its heading: up to the next `## ` heading. */
export function privacySection(readme: string): string {
  const start = readme.indexOf(`\n${SECTION_HEADING}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION_HEADING}" section.`);
  const body = readme.slice(start + SECTION_HEADING.length + 2);
  const end = body.search(/^## /m);
  return (end < 0 ? body : body.slice(0, end)).trim();
}

/** The whole PRIVACY.md for a README. */
export function privacyPolicy(readme: string): string {
  return [
    '# ChatGptt privacy policy',
    '',
    '<!-- Made from the "Permissions and privacy" section of README.md by scripts/privacy.ts: edit the README, then run `npx tsx scripts/privacy.ts`. -->',
    '',
    'ChatGptt is an open-source browser extension for the free GPT chat of chatgptt.me and of other sites running the WordPress plugin AI Power. It has no server of its own and no analytics. This policy is word for word the "Permissions and privacy" section of the project\'s README.',
    '',
    privacySection(readme),
    '',
    "**Changes.** A change to this policy is a change to this file in the project's repository, visible in its history.",
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  writeFileSync(join(ROOT, 'PRIVACY.md'), privacyPolicy(readme));
  console.log('PRIVACY.md written from README.md.');
}
