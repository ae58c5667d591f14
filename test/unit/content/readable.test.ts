// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReadable, tidyText } from '../../../src/content/readable/extract';

const ARTICLE = readFileSync(join(import.meta.dirname, '../../e2e/pages/article.html'), 'utf8');

describe('the readable text of a page', () => {
  it('tidies whitespace but keeps paragraphs', () => {
    expect(tidyText('  a \t b\u00a0 c \r\n\r\n\r\n\n d  ')).toBe('a b c\n\nd');
  });

  it('takes the article and leaves navigation and footer out, without touching the page', () => {
    document.documentElement.innerHTML = ARTICLE.replace(/^<!doctype html>\s*<html[^>]*>/i, '');
    document.title = 'How Lighthouses Learned to Speak';
    const before = document.body.innerHTML;
    const page = extractReadable(document);
    expect(page.title).toContain('Lighthouses');
    expect(page.text).toContain("Fresnel's insight");
    expect(page.text).not.toContain('Subscribe');
    expect(document.body.innerHTML).toBe(before);
  });

  it('falls back to the body text when the page is not an article', () => {
    document.documentElement.innerHTML =
      '<head><title>App</title></head><body><button>Go</button></body>';
    expect(extractReadable(document).text).toContain('Go');
  });
});
