// @vitest-environment happy-dom
/**
 * Reading a YouTube watch page's captions (src/content/readable/youtube.ts) on made-up player
 * data and json3 in the real shape (test/e2e/pages/youtube.ts builds both).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captionsUrl,
  chooseTrack,
  extractVideo,
  findPlayerResponse,
  isVideoPage,
  json3ToText,
  parsePlayerData,
  stamp,
  watchVideoId,
  withPlayerToken,
  type PlayerData,
} from '../../../src/content/readable/youtube';
import { splitIntoParts } from '../../../src/shared/page-parts';
import { SECOND, SILENT, TALK, json3, playerResponse, watchPage } from '../../e2e/pages/youtube';

const ORIGIN = 'https://www.youtube.com';
const html = (video = TALK, origin = ORIGIN): string => watchPage(video, origin);
const data = (video = TALK): PlayerData => {
  const parsed = parsePlayerData(findPlayerResponse(html(video)));
  if (!parsed) throw new Error('no player data');
  return parsed;
};

describe('which pages are watch pages', () => {
  it('takes /watch?v=<11 characters> only', () => {
    expect(watchVideoId('https://www.youtube.com/watch?v=Lh0usE_tlk1&t=42s')).toBe('Lh0usE_tlk1');
    expect(watchVideoId('https://m.youtube.com/watch?v=Lh0usE_tlk1')).toBe('Lh0usE_tlk1');
    expect(watchVideoId('https://www.youtube.com/watch?v=short')).toBeNull();
    expect(watchVideoId('https://www.youtube.com/results?search_query=x')).toBeNull();
    expect(watchVideoId('https://www.youtube.com/watch/Lh0usE_tlk1')).toBeNull();
    expect(watchVideoId('not a url')).toBeNull();
  });

  it('on YouTube by host; elsewhere only when the page carries the player data', () => {
    document.documentElement.innerHTML = '<head></head><body><p>Nothing here</p></body>';
    expect(isVideoPage('https://www.youtube.com/watch?v=Lh0usE_tlk1', document)).toBe(true);
    expect(isVideoPage('https://m.youtube.com/watch?v=Lh0usE_tlk1', document)).toBe(true);
    expect(isVideoPage('http://127.0.0.1:9/watch?v=Lh0usE_tlk1', document)).toBe(false);
    expect(isVideoPage('https://www.youtube.com/', document)).toBe(false);
    const script = document.createElement('script');
    script.type = 'application/json'; // not run by happy-dom, read all the same
    script.textContent = 'var ytInitialPlayerResponse = {"videoDetails": {}};';
    document.body.append(script);
    expect(isVideoPage('http://127.0.0.1:9/watch?v=Lh0usE_tlk1', document)).toBe(true);
    expect(isVideoPage('http://127.0.0.1:9/article.html', document)).toBe(false);
  });
});

describe('the player data', () => {
  it('is found in the page HTML, braces and quotes inside strings notwithstanding', () => {
    const found = findPlayerResponse(html());
    expect(found).toEqual(JSON.parse(JSON.stringify(playerResponse(TALK, ORIGIN))));
  });

  it('skips mentions that are not an assignment of an object, and takes the JSON.parse form', () => {
    const object = JSON.stringify(playerResponse(SECOND, ORIGIN));
    const quoted = object.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/"/g, '\\x22');
    const source =
      `if (window.ytInitialPlayerResponse) {}; window["ytInitialPlayerResponse"] = null;\n` +
      `var ytInitialPlayerResponse = JSON.parse('${quoted}');`;
    expect(parsePlayerData(findPlayerResponse(source))?.videoId).toBe(SECOND.id);
  });

  it('gives null for what is not JSON, unbalanced or absent — never runs it', () => {
    expect(findPlayerResponse('var x = 1;')).toBeNull();
    expect(findPlayerResponse('var ytInitialPlayerResponse = {"a": 1')).toBeNull();
    expect(findPlayerResponse('var ytInitialPlayerResponse = {a: alert(1)};')).toBeNull();
    expect(findPlayerResponse("ytInitialPlayerResponse = JSON.parse('{\\xZZ}')")).toBeNull();
  });

  it('keeps the video id, title and each caption track, checked field by field', () => {
    const parsed = data();
    expect(parsed.videoId).toBe(TALK.id);
    expect(parsed.title).toBe(TALK.title);
    expect(parsed.defaultTrack).toBe(0);
    expect(parsed.tracks.map((t) => [t.languageCode, t.kind ?? '', t.name])).toEqual([
      ['en', '', 'English'],
      ['ru', '', 'Русский'],
      ['en', 'asr', 'English (auto-generated)'],
    ]);
    expect(parsed.tracks[0]?.baseUrl).toMatch(/^https:\/\/www\.youtube\.com\/api\/timedtext\?/);
  });

  it('drops tracks of the wrong shape and refuses data that is not a video', () => {
    const parsed = parsePlayerData({
      videoDetails: { videoId: TALK.id, title: 42 },
      captions: {
        playerCaptionsTracklistRenderer: {
          captionTracks: [
            { baseUrl: 7, languageCode: 'en' },
            {
              baseUrl: '/api/timedtext?lang=fr',
              languageCode: 'fr',
              name: { runs: [{ text: 'Fr' }] },
            },
            'nonsense',
          ],
          audioTracks: [{ defaultCaptionTrackIndex: 5 }],
        },
      },
    });
    expect(parsed).toEqual({
      videoId: TALK.id,
      title: '',
      tracks: [{ baseUrl: '/api/timedtext?lang=fr', languageCode: 'fr', name: 'Fr' }],
    });
    expect(parsePlayerData({ videoDetails: { videoId: 'x' } })).toBeNull();
    expect(parsePlayerData(null)).toBeNull();
    expect(parsePlayerData([])).toBeNull();
    expect(data(SILENT).tracks).toEqual([]);
  });
});

describe('which caption track', () => {
  it("takes the user's language, written captions before auto-generated ones", () => {
    expect(chooseTrack(data(), ['ru'])?.languageCode).toBe('ru');
    expect(chooseTrack(data(), ['en-GB'])?.kind).toBeUndefined();
    const asrFirst: PlayerData = { ...data(), tracks: [...data().tracks].reverse() };
    expect(chooseTrack(asrFirst, ['en'])).toMatchObject({ name: 'English' });
    expect(chooseTrack(data(SECOND), ['ru'])?.kind).toBe('asr');
  });

  it("else the original language (the auto-generated track's), written first; else the first", () => {
    expect(chooseTrack(data(), ['de'])).toMatchObject({ languageCode: 'en', name: 'English' });
    expect(chooseTrack(data(SECOND), ['en'])?.languageCode).toBe('ru');
    const noAsr: PlayerData = {
      videoId: TALK.id,
      title: '',
      tracks: [
        { baseUrl: '/a', languageCode: 'fr', name: 'Français' },
        { baseUrl: '/b', languageCode: 'es', name: 'Español' },
      ],
    };
    expect(chooseTrack(noAsr, ['de'])?.languageCode).toBe('fr');
    expect(chooseTrack({ ...noAsr, defaultTrack: 1 }, ['de'])?.languageCode).toBe('es');
    expect(chooseTrack(data(SILENT), ['en'])).toBeNull();
  });
});

describe('the captions address', () => {
  const track = (baseUrl: string) => ({ baseUrl, languageCode: 'en', name: 'English' });

  it('asks for json3 on the page origin, or YouTube over https', () => {
    const url = captionsUrl(
      track('/api/timedtext?v=x&lang=en&fmt=srv3'),
      'http://127.0.0.1:5/watch?v=x',
    );
    expect(url).toBe('http://127.0.0.1:5/api/timedtext?v=x&lang=en&fmt=json3');
    expect(
      captionsUrl(
        track('https://www.youtube.com/api/timedtext?lang=en'),
        'https://m.youtube.com/watch',
      ),
    ).toBe('https://www.youtube.com/api/timedtext?lang=en&fmt=json3');
  });

  it('refuses any other host: the page cannot send us elsewhere', () => {
    const page = 'https://www.youtube.com/watch?v=x';
    expect(captionsUrl(track('https://evil.example/api/timedtext'), page)).toBeNull();
    expect(captionsUrl(track('http://www.youtube.com/api/timedtext'), page)).toBeNull();
    expect(captionsUrl(track('https://www.youtube.com/x'), 'http://127.0.0.1:5/watch')).toBeNull();
    expect(captionsUrl(track('javascript:alert(1)'), page)).toBeNull();
  });
});

describe("the player's proof-of-origin token", () => {
  const ours = `${ORIGIN}/api/timedtext?v=${TALK.id}&lang=ru&fmt=json3`;
  const player = (query: string) => ({ name: `${ORIGIN}/api/timedtext?${query}` });

  it("borrows pot (and its client fields) from the player's own request for this video", () => {
    const url = withPlayerToken(ours, TALK.id, [
      { name: `${ORIGIN}/s/player/base.js` },
      player(`v=${TALK.id}&lang=en&fmt=json3&pot=TOKEN123&potc=1&c=WEB&cver=2.2026&signature=x`),
    ]);
    const params = new URL(url).searchParams;
    expect(params.get('pot')).toBe('TOKEN123');
    expect(params.get('c')).toBe('WEB');
    expect(params.get('lang')).toBe('ru'); // the track is still ours
    expect(params.get('signature')).toBeNull();
  });

  it('leaves the address as it is without one for this video on this origin', () => {
    expect(withPlayerToken(ours, TALK.id, [])).toBe(ours);
    expect(withPlayerToken(ours, TALK.id, [player(`v=${SECOND.id}&pot=OTHER`)])).toBe(ours);
    expect(withPlayerToken(ours, TALK.id, [player(`v=${TALK.id}`)])).toBe(ours);
    const elsewhere = { name: `https://evil.example/api/timedtext?v=${TALK.id}&pot=X` };
    expect(withPlayerToken(ours, TALK.id, [elsewhere, { name: 'not a url' }])).toBe(ours);
  });
});

describe('json3 as timestamped text', () => {
  it('writes [m:ss], and [h:mm:ss] past the hour', () => {
    expect([stamp(0), stamp(59_999), stamp(754_300), stamp(3_725_000)]).toEqual([
      '[0:00]',
      '[0:59]',
      '[12:34]',
      '[1:02:05]',
    ]);
  });

  it('keeps a timestamp per line and every word, skipping window and newline events', () => {
    const text = json3ToText(json3(TALK.tracks[0]?.lines ?? []));
    expect(text).toBe(
      [
        '[0:01] Good evening, and thank you for coming out in this weather. Tonight is about the foghorn keepers of the northern coast.',
        '[1:35] In 1851 the first steam whistle was fitted at Cape Varna.',
        '[5:01] The keepers wrote every signal into the brass logbook.',
        '[12:34] The last keeper, Ingrid Holm, retired in 1987 with a marmalade cat.',
      ].join('\n'),
    );
  });

  it('joins auto-generated word segments and their newline events into lines of about 15 s', () => {
    const lines: Array<[number, string]> = Array.from({ length: 12 }, (_, i) => [
      i * 4000,
      `line ${i} of the talk`,
    ]);
    const text = json3ToText(json3(lines, true)) ?? '';
    expect(text.split('\n')).toEqual([
      '[0:00] line 0 of the talk line 1 of the talk line 2 of the talk line 3 of the talk',
      '[0:16] line 4 of the talk line 5 of the talk line 6 of the talk line 7 of the talk',
      '[0:32] line 8 of the talk line 9 of the talk line 10 of the talk line 11 of the talk',
    ]);
  });

  it('a two-hour talk cut into parts: every part starts on a timestamp, so answers can cite them', () => {
    const lines: Array<[number, string]> = Array.from({ length: 2400 }, (_, i) => [
      i * 3000,
      `sentence ${i} about the keepers and their lamps`,
    ]);
    const text = json3ToText(json3(lines, true)) ?? '';
    expect(text.split('\n').at(-1)).toMatch(/^\[1:59:4\d\] /);
    const parts = splitIntoParts(text, 8000);
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(part).toMatch(/^\[\d+(:\d\d){1,2}\] sentence/);
  });

  it('ignores events of the wrong shape; null for data that is not json3', () => {
    const text = json3ToText({
      events: [
        { tStartMs: '5', segs: [{ utf8: 'string time' }] },
        { tStartMs: 1000, segs: 'nope' },
        { tStartMs: 2000, segs: [{ utf8: 5 }, { utf8: 'kept' }] },
        null,
      ],
    });
    expect(text).toBe('[0:02] kept');
    expect(json3ToText({ events: [] })).toBe('');
    expect(json3ToText({})).toBeNull();
    expect(json3ToText('events')).toBeNull();
  });
});

describe('the whole path, over fetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A fetch that serves the fixture watch pages and captions, and records what was asked. */
  function stubFetch(asked: string[], captions: (url: URL) => string | null): void {
    vi.stubGlobal('fetch', (input: string) => {
      asked.push(input);
      const url = new URL(input);
      const video = [TALK, SILENT, SECOND].find((v) => v.id === url.searchParams.get('v'));
      const body =
        url.pathname === '/watch' && video
          ? html(video)
          : url.pathname === '/api/timedtext'
            ? captions(url)
            : null;
      return Promise.resolve(new Response(body ?? '', { status: body === null ? 404 : 200 }));
    });
  }
  const load = (video = TALK): void => {
    document.documentElement.innerHTML = html(video).replace(/^<!doctype html>\s*<html[^>]*>/i, '');
  };

  it('reads the inline player data and the chosen track as json3', async () => {
    load();
    const asked: string[] = [];
    stubFetch(asked, (url) =>
      JSON.stringify(
        json3(
          url.searchParams.get('lang') === 'ru' ? [[1000, 'по-русски']] : [[1000, 'in English']],
        ),
      ),
    );
    const result = await extractVideo(document, `${ORIGIN}/watch?v=${TALK.id}`, ['ru']);
    expect(result).toEqual({
      kind: 'transcript',
      title: TALK.title,
      text: '[0:01] по-русски',
      language: 'ru',
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/lang=ru&fmt=json3$/);
  });

  it('after in-page navigation, fetches the watch page again for the new video', async () => {
    load(TALK); // the inline script still describes the first video
    const asked: string[] = [];
    stubFetch(asked, () => JSON.stringify(json3(SECOND.tracks[0]?.lines ?? [], true)));
    const result = await extractVideo(document, `${ORIGIN}/watch?v=${SECOND.id}`, ['en']);
    expect(result).toMatchObject({ kind: 'transcript', title: SECOND.title, language: 'ru' });
    expect(asked[0]).toBe(`${ORIGIN}/watch?v=${SECOND.id}`);
  });

  it('says when there are no captions (nothing fetched) or they cannot be read', async () => {
    load(SILENT);
    const asked: string[] = [];
    stubFetch(asked, () => '');
    const silent = await extractVideo(document, `${ORIGIN}/watch?v=${SILENT.id}`, ['en']);
    expect(silent).toEqual({ kind: 'no-captions', title: SILENT.title });
    expect(asked).toEqual([]);
    load(TALK);
    // An empty body: what YouTube sends when it wants a token we lack.
    expect(await extractVideo(document, `${ORIGIN}/watch?v=${TALK.id}`, ['en'])).toEqual({
      kind: 'captions-failed',
      title: TALK.title,
    });
    stubFetch(asked, () => 'not json');
    expect((await extractVideo(document, `${ORIGIN}/watch?v=${TALK.id}`, ['en'])).kind).toBe(
      'captions-failed',
    );
  });
});
