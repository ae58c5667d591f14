/**
 * The wording of "Summarize this page" on a video page (content/readable/youtube.ts reads its
 * captions): the prompt says "video", and a video without readable captions is a plain notice
 * instead of a request. Shared by the worker (menus, shortcut) and the popup / side panel.
 */
import { addMessages, type Language, tIn } from './i18n';

export { isWatchUrl } from './watch-url';

// Only the worker and the pages that read a tab need these words (not the popup's first paint).
addMessages(
  import.meta.glob<Record<string, { message: string }>>('../locales/*/youtube.json', {
    eager: true,
    import: 'default',
  }),
);

/** What the tab's reader returned (content/readable/extract.ts `ReadablePage`). */
export type VideoState = 'transcript' | 'no-captions' | 'captions-failed';

const STATES: readonly string[] = ['transcript', 'no-captions', 'captions-failed'];

/** The reader's `video` field, checked (it crosses from the tab). */
export function videoState(value: unknown): VideoState | undefined {
  return typeof value === 'string' && STATES.includes(value) ? (value as VideoState) : undefined;
}

/** The question sent with the page text. */
export function summarizePrompt(language: Language, video: VideoState | undefined): string {
  return tIn(language, video ? 'youtube_summarize_prompt' : 'sidebar_summarize_prompt');
}

/** The context's `source` when the text is a video's transcript (its parts then say "video"). */
export function videoSource(video: VideoState | undefined): { source?: 'video' } {
  return video === 'transcript' ? { source: 'video' } : {};
}

/** The notice shown instead of a request when a video has no captions to read, else null. */
export function videoNotice(language: Language, video: VideoState | undefined): string | null {
  if (video === 'no-captions') return tIn(language, 'youtube_no_captions');
  if (video === 'captions-failed') return tIn(language, 'youtube_captions_failed');
  return null;
}
