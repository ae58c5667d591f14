// @vitest-environment happy-dom
/** Rich answers (issue 13): tables, direction, headings, footnotes, alerts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/ui/markdown/Markdown';

afterEach(cleanup);

const CSS = readFileSync(join(import.meta.dirname, '../../../src/ui/ui.css'), 'utf8');
/** The declarations of the rules whose selector list is exactly `selector`. */
function rule(selector: string): string {
  const wanted = selector.replace(/\s+/g, ' ');
  return CSS.replace(/\/\*[\s\S]*?\*\//g, '')
    .split('}')
    .map((chunk) => chunk.split('{'))
    .filter(([head]) => head?.trim().replace(/\s+/g, ' ') === wanted)
    .map(([, body]) => body ?? '')
    .join(';');
}

function md(text: string): HTMLElement {
  const { container } = render(<Markdown text={text} />);
  return container.querySelector('.md') as HTMLElement;
}

describe('tables', () => {
  const table = '| Language | Typing |\n|---|---|\n| Python | dynamic |\n| Rust | static |\n';

  it('cells wrap only between words: the answer-wide overflow-wrap: anywhere stops at them', () => {
    expect(rule('.md')).toMatch(/overflow-wrap:\s*anywhere/);
    const cells = rule('.md th,\n.md td');
    expect(cells).toMatch(/overflow-wrap:\s*normal/);
    expect(cells).toMatch(/word-break:\s*normal/);
  });

  it('scroll sideways in a focusable wrapper with edge shadows, header row sticky', () => {
    const root = md(table);
    const wrap = root.querySelector('.md-table-wrap') as HTMLElement;
    expect(wrap.getAttribute('tabindex')).toBe('0');
    expect(wrap.getAttribute('role')).toBe('region');
    expect(wrap.getAttribute('aria-label')).toBeTruthy();
    expect(rule('.md-table-wrap')).toMatch(/overflow:\s*auto/);
    expect(rule('.md-table-wrap')).toMatch(/local/);
    expect(rule('.md th')).toMatch(/position:\s*sticky/);
    const cells = Array.from(root.querySelectorAll('th, td'));
    expect(cells).toHaveLength(6);
    for (const cell of cells) expect(cell.getAttribute('dir')).toBe('auto');
  });
});

describe('direction', () => {
  it('every paragraph, item, cell and heading decides its own direction', () => {
    const root = md('# כותרת\n\nשלום עולם, hello.\n\n- פריט\n- item\n\n| א |\n|---|\n| ב |\n');
    expect(root.querySelector('h1')?.getAttribute('dir')).toBe('auto');
    expect(root.querySelector('p')?.getAttribute('dir')).toBe('auto');
    for (const li of Array.from(root.querySelectorAll('li')))
      expect(li.getAttribute('dir')).toBe('auto');
  });

  it('a list, quote or table that starts in Hebrew or Arabic is laid out right to left', () => {
    const root = md(
      '- **פריט** ראשון\n- second\n\n> مرحبا بالعالم\n\n| عمود | b |\n|---|---|\n| 1 | 2 |\n',
    );
    expect(root.querySelector('ul')?.getAttribute('dir')).toBe('rtl');
    expect(root.querySelector('blockquote')?.getAttribute('dir')).toBe('rtl');
    expect(root.querySelector('table')?.getAttribute('dir')).toBe('rtl');
    const english = md('- first [שלום](https://example.org/)\n');
    expect(english.querySelector('ul')?.getAttribute('dir')).toBe('auto');
  });

  it('the layout uses logical sides and code stays left to right', () => {
    expect(rule('.md blockquote')).toMatch(/border-inline-start/);
    expect(rule('.md blockquote')).not.toMatch(/border-left|padding-left/);
    expect(rule('.md li')).toMatch(/margin-inline-start/);
    expect(rule('.md ul,\n.md ol')).not.toMatch(/padding-left/);
    expect(rule('.md code')).toMatch(/direction:\s*ltr/);
    expect(rule('.md-code pre')).toMatch(/direction:\s*ltr/);
  });
});

describe('headings', () => {
  it('h1–h6 each have their own size, the popup’s smaller', () => {
    const root = md('# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6\n');
    expect(Array.from(root.querySelectorAll('.md-heading')).map((h) => h.tagName)).toEqual([
      'H1',
      'H2',
      'H3',
      'H4',
      'H5',
      'H6',
    ]);
    const sizes = [1, 2, 3, 4, 5, 6].map(
      (n) => /font-size:\s*([\d.]+)em/.exec(rule(`.md h${n}`))?.[1],
    );
    expect(new Set(sizes).size).toBe(6);
    expect(sizes.every(Boolean)).toBe(true);
    expect(Number(/font-size:\s*([\d.]+)em/.exec(rule('.cg-popup .md h1'))?.[1])).toBeLessThan(
      Number(sizes[0]),
    );
  });
});

describe('footnotes', () => {
  it('a reference links to its note and the note links back', () => {
    const root = md('Water boils at 100 °C[^1].\n\n[^1]: At sea level.\n');
    const ref = root.querySelector('sup.md-fnref a') as HTMLAnchorElement;
    expect(ref.textContent).toBe('1');
    const note = root.querySelector('.md-footnote') as HTMLElement;
    expect(ref.getAttribute('href')).toBe(`#${note.id}`);
    expect(note.textContent).toContain('At sea level.');
    expect(note.textContent).not.toContain('[^1]');
    const back = note.querySelector('a.md-footnote-back') as HTMLAnchorElement;
    expect(back.getAttribute('href')).toBe(`#${ref.id}`);
    expect(back.getAttribute('aria-label')).toContain('1');
  });

  it('two answers never share footnote ids', () => {
    const a = md('x[^1]\n\n[^1]: a\n');
    const b = md('y[^1]\n\n[^1]: b\n');
    expect(a.querySelector('.md-footnote')?.id).not.toBe(b.querySelector('.md-footnote')?.id);
  });

  it('a label is never written into an id as it is', () => {
    const root = md('x[^a"><b]\n\n[^a"><b]: note\n');
    for (const el of Array.from(root.querySelectorAll('[id]'))) expect(el.id).toMatch(/^[\w-]+$/);
  });
});

describe('alerts', () => {
  it('"> [!NOTE]" is a callout with its name, without the marker', () => {
    const root = md('> [!WARNING]\n> Back up **first**.\n');
    const alert = root.querySelector('.md-alert') as HTMLElement;
    expect(alert.classList.contains('md-alert-warning')).toBe(true);
    expect(alert.getAttribute('role')).toBe('note');
    expect(alert.querySelector('.md-alert-title')?.textContent).toBe('Warning');
    expect(alert.textContent).toContain('Back up first.');
    expect(alert.textContent).not.toContain('[!WARNING]');
    expect(root.querySelector('blockquote')).toBeNull();
  });

  it('an unknown kind stays a plain quote', () => {
    const root = md('> [!FOO]\n> text\n');
    expect(root.querySelector('.md-alert')).toBeNull();
    expect(root.querySelector('blockquote')?.textContent).toContain('[!FOO]');
  });

  it('images stay links', () => {
    const root = md('![a cat](https://example.org/cat.png)\n');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a.md-image')?.getAttribute('href')).toBe(
      'https://example.org/cat.png',
    );
  });
});
