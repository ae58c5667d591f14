/** The scanner behind citations.test.ts: citations of Markdown headings, and references outside the repository. */

export interface Citation {
  /** Path from the repository root, e.g. `docs/protocol.md`. */
  file: string;
  anchor: string | undefined;
  line: number;
}

/** A repository Markdown file by its path from the root, with an optional `#anchor`. */
const CITATION =
  /(?<![\w./-])((?:docs|src|test|scripts|bench)\/[\w./-]*?\.md|README\.md)(?:#([\w-]+))?/g;

/**
 * What points outside the repository: section numbers (`§4.3`, `Appendix A`) of a study that is
 * not in it, the study and design notes by name, and paths of the machine the project was
 * written on (`../shared/…`, `/work/…`). `src/shared` imports are the repository's own.
 */
const OUTSIDE = [
  /§/,
  /\bAppendix [A-Z]\b/,
  /wpaicg-protocol\.md|design\.md|browser-testing\.md/,
  /\bdesign §/,
  /(?:^|[\s('"`])(?:\.\.\/)*shared\/(?:captures|real-plugin|hooks)\b/,
  /\/work\//,
];

export function findCitations(text: string): Citation[] {
  const found: Citation[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(CITATION)) {
      const file = match[1];
      if (file !== undefined) found.push({ file, anchor: match[2], line: index + 1 });
    }
  });
  return found;
}

export function outsideReferences(text: string): { line: number; text: string }[] {
  const hits: { line: number; text: string }[] = [];
  text.split('\n').forEach((line, index) => {
    if (OUTSIDE.some((pattern) => pattern.test(line)))
      hits.push({ line: index + 1, text: line.trim() });
  });
  return hits;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside code fences); repeats get `-1`, `-2`… */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading?.[1] === undefined) continue;
    const base = anchorOf(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}
