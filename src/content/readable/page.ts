/** What "Summarize this page" reads: a video's captions on a watch page, else the article. */
import { extractReadable, type ReadablePage } from './extract';
import { extractVideo, isVideoPage } from './youtube';

/**
 * The page's text for a summary. On a video page (youtube.ts) the text is the transcript and
 * `video` says so, or the text is empty and `video` says why (no captions, unreadable); a video
 * page never falls back to Readability, whose text there is the comments and the sidebar.
 */
export async function readPage(
  languages: readonly string[],
  doc: Document = document,
  href: string = location.href,
): Promise<ReadablePage> {
  if (!isVideoPage(href, doc)) return extractReadable(doc);
  const video = await extractVideo(doc, href, languages);
  return video.kind === 'transcript'
    ? { title: video.title, text: video.text, video: 'transcript' }
    : { title: video.title, text: '', video: video.kind };
}
