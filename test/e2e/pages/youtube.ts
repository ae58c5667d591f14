/**
 * A YouTube-like watch page for the tests, made up here in the real shape (no data copied from
 * YouTube): `/watch?v=<id>` serves HTML whose inline script carries a `ytInitialPlayerResponse`
 * blob listing caption tracks, and `/api/timedtext?v=<id>&lang=<code>&fmt=json3` serves those
 * captions as json3 (events with tStartMs and segs[].utf8). The unit tests use the same builders.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FixtureVideo {
  id: string;
  title: string;
  /** Caption tracks: language, whether auto-generated, and the lines (start ms, text). */
  tracks: Array<{ language: string; asr?: boolean; name: string; lines: Array<[number, string]> }>;
}

/** A twelve-minute talk with written English and Russian captions and an auto-generated track. */
export const TALK: FixtureVideo = {
  id: 'Lh0usE_tlk1',
  title: 'How Lighthouses Learned to Speak — a talk',
  tracks: [
    {
      language: 'en',
      name: 'English',
      lines: [
        [1_200, 'Good evening, and thank you for coming out in this weather.'],
        [6_400, 'Tonight is about the foghorn keepers of the northern coast.'],
        [95_000, 'In 1851 the first steam whistle was fitted at Cape Varna.'],
        [301_500, 'The keepers wrote every signal into the brass logbook.'],
        [754_300, 'The last keeper, Ingrid Holm, retired in 1987 with a marmalade cat.'],
      ],
    },
    {
      language: 'ru',
      name: 'Русский',
      lines: [
        [1_200, 'Добрый вечер и спасибо, что пришли в такую погоду.'],
        [754_300, 'Последний смотритель, Ингрид Хольм, ушла на покой в 1987 году.'],
      ],
    },
    {
      language: 'en',
      asr: true,
      name: 'English (auto-generated)',
      lines: [[1_200, 'good evening and thank you for coming']],
    },
  ],
};

/** A video whose player data lists no caption tracks at all. */
export const SILENT: FixtureVideo = {
  id: 'N0capt10ns_',
  title: 'Waves at dusk (no words)',
  tracks: [],
};

/** The second video of an in-page navigation (its captions in Russian only, auto-generated). */
export const SECOND: FixtureVideo = {
  id: 'Sec0nd_v1d2',
  title: 'Winter at the lighthouse',
  tracks: [
    {
      language: 'ru',
      asr: true,
      name: 'Русский (автоматические)',
      lines: [[3_000, 'зимой маяк заносит снегом по самые окна']],
    },
  ],
};

/**
 * A video whose captions are served only with the player's proof-of-origin token (`pot`), as
 * YouTube does more and more; with `&cc=1` its page fetches them the way the player does when
 * captions are on, leaving the token in the page's resource timing.
 */
export const TOKENED: FixtureVideo = {
  id: 'P0t_needed1',
  title: 'Fog signals, with a token',
  tracks: [
    { language: 'en', name: 'English', lines: [[61_000, 'The diaphone groaned twice a minute.']] },
  ],
};
export const POT = 'MnVtYWRlLXVwLXRva2Vu';

/**
 * A two-hour lecture whose English captions (about 45 000 characters) take several messages:
 * summarized in parts. Each line names its minute, so a part is known by its words.
 */
export const LECTURE: FixtureVideo = {
  id: 'L0ng_lectur',
  title: 'The keepers’ logbooks, read aloud (full lecture)',
  tracks: [
    {
      language: 'en',
      name: 'English',
      lines: Array.from({ length: 600 }, (_, i): [number, string] => [
        i * 12_000 + 500,
        `Minute ${Math.floor((i * 12) / 60)}, line ${i + 1}: the logbook records wind, fog and the lamp's oil.`,
      ]),
    },
  ],
};

export const VIDEOS = [TALK, SILENT, SECOND, TOKENED, LECTURE];

/** The player data of `video` in YouTube's shape, caption URLs on `origin`. */
export function playerResponse(video: FixtureVideo, origin: string): Record<string, unknown> {
  const captionTracks = video.tracks.map((track) => ({
    baseUrl:
      `${origin}/api/timedtext?v=${video.id}&ei=Zm9vYmFy&caps=asr&opi=112496729&xoaf=5` +
      `&hl=en&ip=0.0.0.0&ipbits=0&expire=1900000000&sparams=ip,ipbits,expire,v,caps,opi,xoaf` +
      `&signature=3A1F00C0FFEE.0BADF00D&key=yt8${track.asr ? '&kind=asr' : ''}&lang=${track.language}`,
    name: { simpleText: track.name },
    vssId: `${track.asr ? 'a' : ''}.${track.language}`,
    languageCode: track.language,
    ...(track.asr ? { kind: 'asr' } : {}),
    isTranslatable: true,
    trackName: '',
  }));
  return {
    responseContext: { serviceTrackingParams: [{ service: 'GFEEDBACK', params: [] }] },
    playabilityStatus: { status: 'OK', playableInEmbed: true, contextParams: 'Q0FFU0FnZ0I=' },
    streamingData: { expiresInSeconds: '21540', formats: [], adaptiveFormats: [] },
    ...(captionTracks.length
      ? {
          captions: {
            playerCaptionsTracklistRenderer: {
              captionTracks,
              audioTracks: [
                {
                  captionTrackIndices: captionTracks.map((_, i) => i),
                  defaultCaptionTrackIndex: 0,
                  visibility: 'UNKNOWN',
                  hasDefaultTrack: true,
                  captionsInitialState: 'CAPTIONS_INITIAL_STATE_OFF_RECOMMENDED',
                },
              ],
              translationLanguages: [
                { languageCode: 'de', languageName: { simpleText: 'German' } },
              ],
              defaultAudioTrackIndex: 0,
            },
          },
        }
      : {}),
    videoDetails: {
      videoId: video.id,
      title: video.title,
      lengthSeconds: '760',
      keywords: ['lighthouse', 'history'],
      channelId: 'UCmadeUpChannel00000000',
      isOwnerViewing: false,
      shortDescription:
        'A made-up talk for the tests. "Quotes", a lone { brace, \\ and </script-ish> text.',
      isCrawlable: true,
      allowRatings: true,
      viewCount: '1234',
      author: 'Coastal History Society',
      isPrivate: false,
      isLiveContent: false,
    },
    microformat: { playerMicroformatRenderer: { title: { simpleText: video.title } } },
  };
}

/** The captions of one track as json3: a window event, then one event per line. */
export function json3(lines: Array<[number, string]>, asr = false): Record<string, unknown> {
  const events: unknown[] = [
    { tStartMs: 0, dDurationMs: 760_000, id: 1, wpWinPosId: 1, wsWinStyleId: 1 },
  ];
  for (const [at, text] of lines) {
    if (asr) {
      // Auto-generated captions come word by word with offsets, and newline-only events between.
      const words = text.split(' ');
      events.push({
        tStartMs: at,
        dDurationMs: 3000,
        wWinId: 1,
        segs: words.map((word, i) =>
          i === 0
            ? { utf8: word, acAsrConf: 0 }
            : { utf8: ` ${word}`, tOffsetMs: i * 240, acAsrConf: 0 },
        ),
      });
      events.push({
        tStartMs: at + 2900,
        dDurationMs: 100,
        wWinId: 1,
        aAppend: 1,
        segs: [{ utf8: '\n' }],
      });
    } else {
      events.push({ tStartMs: at, dDurationMs: 4200, segs: [{ utf8: text }] });
    }
  }
  return {
    wireMagic: 'pb3',
    pens: [{}],
    wsWinStyles: [{}, { mhModeHint: 2, juJustifCode: 0, sdScrollDir: 3 }],
    wpWinPositions: [{}, { apPoint: 6, ahHorPos: 20, avVerPos: 100, rcRows: 2, ccCols: 40 }],
    events,
  };
}

/** The watch page: YouTube's app element, the player data in an inline script, another script. */
export function watchPage(video: FixtureVideo, origin: string, captionsOn = false): string {
  const first = video.tracks[0];
  const player =
    captionsOn && first
      ? `<script>fetch('/api/timedtext?v=${video.id}&lang=${first.language}&fmt=json3&pot=${POT}&c=WEB');</script>`
      : '';
  // As on YouTube: JSON in a script, with "<" escaped so no "</script>" closes it early.
  const data = JSON.stringify(playerResponse(video, origin)).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${video.title} - YouTube</title>
<script>var ytcfg = {"INNERTUBE_CONTEXT_CLIENT_NAME": 1};</script></head>
<body><ytd-app><div id="content"><h1 class="title">${video.title}</h1>
<div id="description">Recorded at the harbour hall. Subscribe for more talks.</div>
<div id="comments"><p>Great talk! Loved the part about the cat.</p></div></div></ytd-app>
<script nonce="abc">var ytInitialPlayerResponse = ${data};var meta = document.createElement('meta');</script>
<script>window.ytInitialData = {"contents": {}};</script>
<script>document.addEventListener('click', function (e) {
  var a = e.target.closest('a[data-spa]'); if (!a) return; e.preventDefault();
  history.pushState({}, '', a.getAttribute('href')); document.title = a.textContent + ' - YouTube';
});</script>
<p><a data-spa href="/watch?v=${SECOND.id}">${SECOND.title}</a></p>
${player}</body></html>`;
}

/** Serves `/watch` and `/api/timedtext`; false when the request is not one of them. */
export function serveYoutube(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://x');
  // Served over TLS too (a youtube.com stand-in behind a mapping proxy): captions on the same origin.
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  const origin = `${scheme}://${req.headers.host ?? '127.0.0.1'}`;
  const video = VIDEOS.find((v) => v.id === url.searchParams.get('v'));
  if (url.pathname === '/watch') {
    if (!video) res.writeHead(404).end();
    else
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(watchPage(video, origin, url.searchParams.get('cc') === '1'));
    return true;
  }
  if (url.pathname === '/api/timedtext') {
    const track = video?.tracks.find(
      (t) =>
        t.language === url.searchParams.get('lang') &&
        Boolean(t.asr) === (url.searchParams.get('kind') === 'asr'),
    );
    // YouTube answers an unknown track, a format it was not asked for, or a request without the
    // token it wants, with an empty body.
    const tokenMissing = video === TOKENED && url.searchParams.get('pot') !== POT;
    if (!track || url.searchParams.get('fmt') !== 'json3' || tokenMissing) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('');
      return true;
    }
    res
      .writeHead(200, { 'content-type': 'application/json; charset=UTF-8' })
      .end(JSON.stringify(json3(track.lines, track.asr)));
    return true;
  }
  return false;
}
