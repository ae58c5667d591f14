/** The wording of a summary on a video page (src/shared/video-page.ts). */
import { describe, expect, it } from 'vitest';
import {
  isWatchUrl,
  summarizePrompt,
  videoNotice,
  videoState,
} from '../../../src/shared/video-page';

describe('the wording on a video page', () => {
  it('knows a YouTube watch page by its address (for a label shown before the page is read)', () => {
    expect(isWatchUrl('https://www.youtube.com/watch?v=Lh0usE_tlk1')).toBe(true);
    expect(isWatchUrl('https://m.youtube.com/watch?v=Lh0usE_tlk1&t=3')).toBe(true);
    expect(isWatchUrl('https://www.youtube.com/')).toBe(false);
    expect(isWatchUrl('https://www.youtube.com.evil.example/watch?v=x')).toBe(false);
    expect(isWatchUrl('http://127.0.0.1:5/watch?v=Lh0usE_tlk1')).toBe(false);
    expect(isWatchUrl(undefined)).toBe(false);
    expect(isWatchUrl('nonsense')).toBe(false);
  });

  it('asks about a video, and says plainly when there is nothing to send', () => {
    expect(summarizePrompt('en', 'transcript')).toBe('Summarize this video.');
    expect(summarizePrompt('ru', 'transcript')).toBe('Кратко перескажи это видео.');
    expect(summarizePrompt('en', undefined)).toBe('Summarize this page.');
    expect(videoNotice('en', 'transcript')).toBeNull();
    expect(videoNotice('en', undefined)).toBeNull();
    expect(videoNotice('en', 'no-captions')).toContain('no captions');
    expect(videoNotice('ru', 'no-captions')).toContain('нет субтитров');
    expect(videoNotice('ru', 'captions-failed')).toContain('не удалось прочитать');
  });

  it('accepts only the states it knows from the tab', () => {
    expect(videoState('transcript')).toBe('transcript');
    expect(videoState('no-captions')).toBe('no-captions');
    expect(videoState('other')).toBeUndefined();
    expect(videoState(1)).toBeUndefined();
  });
});
