/** The readable text of a document, through Mozilla's Readability (Firefox's reader view). */
import { Readability } from '@mozilla/readability';
import { toMarkdown } from './markdown';

export interface ReadablePage {
  title: string;
  text: string;
  /** Set on a video page (youtube.ts): the text is its transcript, or why there is none. */
  video?: 'transcript' | 'no-captions' | 'captions-failed';
}

/** Collapses runs of spaces and keeps at most one blank line between paragraphs. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Readability's article as light Markdown (headings, paragraphs, lists and tables kept apart,
 * see markdown.ts), or the body's text when the page is not an article (a search result, an
 * app). Never throws: a page we cannot read gives an empty text.
 */
export function extractReadable(doc: Document = document): ReadablePage {
  const title = doc.title;
  try {
    // The serializer hands back the article's element itself, so no HTML is parsed again.
    const article = new Readability<Node>(doc.cloneNode(true) as Document, {
      serializer: (node) => node,
    }).parse();
    const text = article?.content ? toMarkdown(article.content).replace(/\u00a0/g, ' ') : '';
    if (text.length > 0) return { title: article?.title || title, text };
  } catch {
    // Fall through to the plain text below.
  }
  const body = doc.body as HTMLElement | null;
  return { title, text: tidyText(body?.innerText ?? body?.textContent ?? '') };
}
