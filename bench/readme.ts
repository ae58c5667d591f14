/**
 * Puts bench/results.md into README.md's "## Performance" section, between the markers
 * `<!-- bench:start -->` and `<!-- bench:end -->` (adds the section before "## Development" the
 * first time). Run after `npm run bench`: `npx tsx bench/readme.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const results = readFileSync(join(ROOT, 'bench/results.md'), 'utf8').trim();
const body = `${START}\n${results.replace(/^### /gm, '#### ')}\n${END}`;

let next: string;
if (readme.includes(START) && readme.includes(END)) {
  next =
    readme.slice(0, readme.indexOf(START)) + body + readme.slice(readme.indexOf(END) + END.length);
} else {
  const section =
    '## Performance\n\n' +
    'Measured by `npm run bench` (bench/run.ts; figures in bench/results.json) against the local test site and the ' +
    'built extension in real Chromium. They are measurements on a shared 2-core machine, not guarantees.\n\n' +
    `${body}\n\n`;
  const anchor = readme.indexOf('## Development');
  next =
    anchor < 0
      ? `${readme.trimEnd()}\n\n${section}`
      : readme.slice(0, anchor) + section + readme.slice(anchor);
}
writeFileSync(join(ROOT, 'README.md'), next);
console.log('README.md: Performance section updated from bench/results.md');
