/**
 * Every citation in src/ points at a heading that exists (docs/protocol.md#citing-this-document):
 * `docs/protocol.md#g5-two-step-stream`, or any Markdown file of the repository by its path from
 * the root. Comments may not point outside the repository: no section numbers of a study that is
 * not here, no paths of the machine the code was written on.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCitations, headingAnchors, outsideReferences } from './citations';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|css|html)$/.test(name) ? [path] : [];
  });
}

const read = (path: string): { name: string; text: string } => ({
  name: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
});
const files = sourceFiles(join(ROOT, 'src')).map(read);
/** Also held to their citations (not to the outside rule, which is src/'s): the browser recipes. */
const recipeFiles = [
  ...sourceFiles(join(ROOT, 'test', 'e2e')),
  ...sourceFiles(join(ROOT, 'scripts')),
].map(read);

describe('citations in src/', () => {
  it('finds the protocol citations (the scan itself works)', () => {
    const protocol = files
      .flatMap((f) => findCitations(f.text))
      .filter((c) => c.file === 'docs/protocol.md');
    expect(protocol.length).toBeGreaterThan(40);
  });

  it('every cited file and heading exists (src/, test/e2e/, scripts/)', () => {
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    for (const file of [...files, ...recipeFiles]) {
      for (const citation of findCitations(file.text)) {
        const target = join(ROOT, citation.file);
        if (!existsSync(target)) {
          broken.push(`${file.name}:${citation.line}: ${citation.file} does not exist`);
          continue;
        }
        if (citation.anchor === undefined) continue;
        let known = anchors.get(citation.file);
        if (known === undefined)
          anchors.set(citation.file, (known = headingAnchors(readFileSync(target, 'utf8'))));
        if (!known.has(citation.anchor))
          broken.push(
            `${file.name}:${citation.line}: ${citation.file} has no heading #${citation.anchor}`,
          );
      }
    }
    expect(broken).toEqual([]);
  });

  it('no comment points outside the repository', () => {
    const outside = files.flatMap((file) =>
      outsideReferences(file.text).map((hit) => `${file.name}:${hit.line}: ${hit.text}`),
    );
    expect(outside).toEqual([]);
  });

  it('docs/protocol.md has no two headings with the same anchor', () => {
    const text = readFileSync(join(ROOT, 'docs', 'protocol.md'), 'utf8');
    const headings = text.split('\n').filter((line) => /^#{1,6} /.test(line));
    expect(headingAnchors(text).size).toBe(headings.length);
  });
});

describe('the citation scanner', () => {
  it('reads anchors as GitHub makes them', () => {
    const anchors = headingAnchors(
      '# Title\n## G5 step 1 cache\n### The `wpaicgParams` fallback\n```\n# not a heading\n```\n',
    );
    expect([...anchors]).toEqual(['title', 'g5-step-1-cache', 'the-wpaicgparams-fallback']);
  });

  it('finds citations with and without an anchor, and their lines', () => {
    expect(
      findCitations('a\n/** docs/protocol.md#legacy-stream and src/background/README.md. */'),
    ).toEqual([
      { file: 'docs/protocol.md', anchor: 'legacy-stream', line: 2 },
      { file: 'src/background/README.md', anchor: undefined, line: 2 },
    ]);
  });

  it('flags section numbers and paths outside the repository', () => {
    const hits = outsideReferences(
      [
        '/** protocol §4.3 */',
        '// Appendix A step 1',
        '// see shared/wpaicg-protocol.md',
        '// ../shared/captures/a-01',
        '// /work/shared/real-plugin',
        '// (design §4)',
        "import { t } from '../shared/i18n';",
        '// capture a-23 (test/fixtures/captures)',
      ].join('\n'),
    ).map((hit) => hit.line);
    expect(hits).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
