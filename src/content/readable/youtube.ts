/**
 * A YouTube watch page's own captions as timestamped text, for "Summarize this video".
 *
 * The page lists its caption tracks in the player data (`ytInitialPlayerResponse`); each track's
 * `baseUrl` gives the captions as json3 (events with a start time and text segments). All of it
 * is page content, so it is parsed defensively: size caps, type checks, JSON.parse only (never
 * eval), and the captions are fetched only from the page's own origin (or YouTube's hosts).
 * No third-party transcript service is used.
 */

/** Hosts where a /watch?v= page is YouTube's, whatever it carries. */
const YOUTUBE_HOSTS = new Set(['www.youtube.com', 'youtube.com', 'm.youtube.com']);
/** The player data is about 0.3–1 MB on real pages; anything far larger is not it. */
const MAX_PLAYER_DATA = 4_000_000;
/** A watch page's HTML (fetched again after in-page navigation) is about 1–2 MB. */
const MAX_PAGE_HTML = 8_000_000;
/** json3 captions of a three-hour talk are a few MB. */
const MAX_CAPTIONS = 10_000_000;
const MAX_TRACKS = 200;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const MARKER = 'ytInitialPlayerResponse';

export interface CaptionTrack {
  baseUrl: string;
  languageCode: string;
  /** 'asr' for auto-generated captions. */
  kind?: string;
  name: string;
}

export interface PlayerData {
  videoId: string;
  title: string;
  tracks: CaptionTrack[];
  /** The track YouTube itself shows first for the default audio track, when it says. */
  defaultTrack?: number;
}

/** What the video path gives: its transcript, or why there is none. */
export type VideoResult =
  | { kind: 'transcript'; title: string; text: string; language: string }
  | { kind: 'no-captions'; title: string }
  | { kind: 'captions-failed'; title: string };

// ---- Which pages -------------------------------------------------------------------------

/** The video id of a watch page address (`/watch?v=…`), or null. */
export function watchVideoId(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.pathname !== '/watch') return null;
  const id = url.searchParams.get('v');
  return id && VIDEO_ID.test(id) ? id : null;
}

/**
 * Whether the page is a video page to read as captions: a /watch?v= address on YouTube's hosts,
 * or on any host when the page carries YouTube's player data in an inline script. The second
 * form is what lets the test server stand in for YouTube without a host list that differs
 * between builds; a page elsewhere that carries that blob only gives us its own text anyway.
 */
export function isVideoPage(href: string, doc: Document): boolean {
  if (!watchVideoId(href)) return false;
  const host = new URL(href).hostname;
  return YOUTUBE_HOSTS.has(host) || inlinePlayerScript(doc) !== null;
}

function inlinePlayerScript(doc: Document): string | null {
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    if (text.length <= MAX_PAGE_HTML && text.includes(MARKER)) return text;
  }
  return null;
}

// ---- The player data ---------------------------------------------------------------------

/**
 * The player data object out of a script or a whole page's HTML: the JSON object literal after
 * `ytInitialPlayerResponse =` (found by matching braces outside strings, then JSON.parse), or
 * the string in `ytInitialPlayerResponse = JSON.parse('…')`. Null when absent or not JSON.
 */
export function findPlayerResponse(source: string): unknown {
  let from = 0;
  for (;;) {
    const at = source.indexOf(MARKER, from);
    if (at < 0) return null;
    from = at + MARKER.length;
    const rest = /^["']?\]?\s*=\s*/.exec(source.slice(from, from + 40));
    if (!rest) continue;
    const start = from + rest[0].length;
    const json =
      source[start] === '{'
        ? objectLiteral(source, start)
        : source.startsWith('JSON.parse(', start)
          ? stringLiteral(source, start + 'JSON.parse('.length)
          : null;
    if (json === null) continue;
    try {
      return JSON.parse(json) as unknown;
    } catch {
      // Not JSON after all: look for the next mention.
    }
  }
}

/** The balanced `{…}` starting at `start` (JSON text: strings in double quotes), capped. */
function objectLiteral(source: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  const end = Math.min(source.length, start + MAX_PLAYER_DATA);
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return source.slice(start, i + 1);
  }
  return null;
}

/** A quoted JavaScript string literal at `start`, decoded (\xHH, \uHHHH and the short escapes). */
function stringLiteral(source: string, start: number): string | null {
  const quote = source[start];
  if (quote !== "'" && quote !== '"') return null;
  const end = Math.min(source.length, start + 1 + MAX_PLAYER_DATA);
  const short: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };
  let out = '';
  for (let i = start + 1; i < end; i++) {
    const c = source[i] as string;
    if (c === quote) return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = source[++i] ?? '';
    const hex = next === 'x' ? 2 : next === 'u' ? 4 : 0;
    if (hex) {
      const digits = source.slice(i + 1, i + 1 + hex);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return null;
      out += String.fromCharCode(parseInt(digits, 16));
      i += hex;
    } else out += short[next] ?? next;
  }
  return null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A track's name: `{simpleText}` or `{runs: [{text}]}` in YouTube's shape. */
function textOf(value: unknown): string {
  const simple = str(field(value, 'simpleText'));
  if (simple !== undefined) return simple;
  const runs = field(value, 'runs');
  if (!Array.isArray(runs)) return '';
  return runs.map((run) => str(field(run, 'text')) ?? '').join('');
}

/** The parts of the player data we use, each checked; null when it is not a video's data. */
export function parsePlayerData(data: unknown): PlayerData | null {
  const details = field(data, 'videoDetails');
  const videoId = str(field(details, 'videoId'));
  if (!videoId || !VIDEO_ID.test(videoId)) return null;
  const title = (str(field(details, 'title')) ?? '').slice(0, 500);
  const renderer = field(field(data, 'captions'), 'playerCaptionsTracklistRenderer');
  const list = field(renderer, 'captionTracks');
  const tracks: CaptionTrack[] = [];
  if (Array.isArray(list)) {
    for (const item of list.slice(0, MAX_TRACKS)) {
      const baseUrl = str(field(item, 'baseUrl'));
      const languageCode = str(field(item, 'languageCode'));
      if (!baseUrl || !languageCode || baseUrl.length > 4000 || languageCode.length > 40) continue;
      const kind = str(field(item, 'kind'));
      tracks.push({
        baseUrl,
        languageCode,
        ...(kind ? { kind } : {}),
        name: textOf(field(item, 'name')).slice(0, 200),
      });
    }
  }
  const audio = field(renderer, 'audioTracks');
  const audioIndex = field(renderer, 'defaultAudioTrackIndex');
  const chosenAudio = Array.isArray(audio)
    ? audio[typeof audioIndex === 'number' ? audioIndex : 0]
    : undefined;
  const defaultTrack = field(chosenAudio, 'defaultCaptionTrackIndex');
  return {
    videoId,
    title,
    tracks,
    ...(typeof defaultTrack === 'number' && tracks[defaultTrack] ? { defaultTrack } : {}),
  };
}

// ---- Which track -------------------------------------------------------------------------

const base = (code: string): string => code.toLowerCase().split(/[-_]/)[0] ?? '';
const isAsr = (track: CaptionTrack): boolean => track.kind === 'asr';

/**
 * The track to read: one in the user's language (written captions before auto-generated ones),
 * else one in the video's original language — the language of its auto-generated track (speech
 * recognition runs on the spoken language), else that of the track YouTube shows by default —
 * else the default track, else the first.
 */
export function chooseTrack(data: PlayerData, wanted: readonly string[]): CaptionTrack | null {
  const { tracks } = data;
  const inLanguage = (language: string): CaptionTrack | undefined =>
    tracks.find((t) => base(t.languageCode) === language && !isAsr(t)) ??
    tracks.find((t) => base(t.languageCode) === language);
  for (const language of wanted) {
    const track = inLanguage(base(language));
    if (track) return track;
  }
  const fallback = data.defaultTrack === undefined ? undefined : tracks[data.defaultTrack];
  const original = tracks.find(isAsr) ?? fallback;
  return (original && inLanguage(base(original.languageCode))) ?? fallback ?? tracks[0] ?? null;
}

/**
 * The json3 address of `track`, or null when it points anywhere but the page's own origin (or,
 * on YouTube, YouTube's hosts over https): the page cannot make us fetch elsewhere.
 */
export function captionsUrl(track: CaptionTrack, pageHref: string): string | null {
  let url: URL;
  let page: URL;
  try {
    page = new URL(pageHref);
    url = new URL(track.baseUrl, page);
  } catch {
    return null;
  }
  const sameOrigin = url.origin === page.origin;
  const youtube =
    url.protocol === 'https:' &&
    YOUTUBE_HOSTS.has(url.hostname) &&
    YOUTUBE_HOSTS.has(page.hostname);
  if (!sameOrigin && !youtube) return null;
  url.searchParams.set('fmt', 'json3');
  return url.href;
}

/**
 * YouTube increasingly answers a caption request without a proof-of-origin token (`pot`, made by
 * its player) with an empty body. When the player has fetched captions for this video itself
 * (the user turned CC on), that request is in the page's resource timing: its token is borrowed
 * for ours. Nothing else of that address is used, and only an address on our own origin.
 */
export function withPlayerToken(
  url: string,
  videoId: string,
  entries: readonly { name: string }[],
): string {
  const ours = new URL(url);
  for (const entry of entries.slice(-500).reverse()) {
    let theirs: URL;
    try {
      theirs = new URL(entry.name);
    } catch {
      continue;
    }
    const pot = theirs.searchParams.get('pot');
    if (theirs.origin !== ours.origin || theirs.pathname !== ours.pathname) continue;
    if (theirs.searchParams.get('v') !== videoId || !pot || pot.length > 2000) continue;
    for (const key of ['pot', 'potc', 'c', 'cver']) {
      const value = theirs.searchParams.get(key);
      if (value !== null && value.length <= 2000) ours.searchParams.set(key, value);
    }
    return ours.href;
  }
  return url;
}

/** The page's resource timing entries (empty where the browser keeps none). */
function resourceEntries(): readonly { name: string }[] {
  try {
    return performance.getEntriesByType('resource');
  } catch {
    return [];
  }
}

// ---- json3 → text ------------------------------------------------------------------------

/** `[m:ss]`, or `[h:mm:ss]` past the hour. */
export function stamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `[${h}:${String(m).padStart(2, '0')}:${s}]` : `[${m}:${s}]`;
}

/** A new timestamped line starts after this long, so the stamps stay close to what they mark. */
const LINE_MS = 15_000;
const LINE_CHARS = 300;

/**
 * The captions as lines of `[m:ss] text`: consecutive caption events are joined until a line
 * spans about 15 seconds (or 300 characters), so every part of a long video carries its own
 * timestamps. Null when the data is not json3; an empty string when it has no words.
 */
export function json3ToText(data: unknown): string | null {
  const events = field(data, 'events');
  if (!Array.isArray(events)) return null;
  const lines: string[] = [];
  let start = -1;
  let words = '';
  const flush = (): void => {
    const text = words.replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${stamp(start)} ${text}`);
    words = '';
    start = -1;
  };
  for (const event of events) {
    const at = field(event, 'tStartMs');
    const segs = field(event, 'segs');
    if (typeof at !== 'number' || !Number.isFinite(at) || !Array.isArray(segs)) continue;
    const text = segs.map((seg) => str(field(seg, 'utf8')) ?? '').join('');
    if (!text.trim()) continue;
    if (start >= 0 && (at - start >= LINE_MS || words.length >= LINE_CHARS)) flush();
    if (start < 0) start = at;
    words += ` ${text}`;
  }
  flush();
  return lines.join('\n');
}

// ---- The whole path ----------------------------------------------------------------------

/** A response's text, or null past `max` characters (read as a stream, so it stops there). */
async function cappedText(response: Response, max: number): Promise<string | null> {
  if (!response.ok || !response.body) return null;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
    if (text.length > max) {
      void reader.cancel();
      return null;
    }
  }
}

/**
 * This video's player data: the inline script's when it is about this video; after in-page
 * navigation that script still describes the first video, so the watch page is fetched again
 * (same origin, the user's cookies) and read the same way.
 */
async function playerData(
  doc: Document,
  videoId: string,
  origin: string,
): Promise<PlayerData | null> {
  const inline = inlinePlayerScript(doc);
  const fromPage = inline === null ? null : parsePlayerData(findPlayerResponse(inline));
  if (fromPage?.videoId === videoId) return fromPage;
  const response = await fetch(`${origin}/watch?v=${videoId}`, { credentials: 'include' });
  const html = await cappedText(response, MAX_PAGE_HTML);
  const fetched = html === null ? null : parsePlayerData(findPlayerResponse(html));
  return fetched?.videoId === videoId ? fetched : null;
}

/** The title without YouTube's " - YouTube" suffix, when the player data has none. */
const pageTitle = (doc: Document): string => doc.title.replace(/\s+-\s+YouTube$/, '');

/**
 * The video's transcript for `href` (a watch page), in the first of `languages` it has, or why
 * there is none. Never throws.
 */
export async function extractVideo(
  doc: Document,
  href: string,
  languages: readonly string[],
): Promise<VideoResult> {
  const videoId = watchVideoId(href) ?? '';
  let title = pageTitle(doc);
  try {
    const data = await playerData(doc, videoId, new URL(href).origin);
    if (!data) return { kind: 'captions-failed', title };
    title = data.title || title;
    const track = chooseTrack(data, languages);
    if (!track) return { kind: 'no-captions', title };
    const address = captionsUrl(track, href);
    if (!address) return { kind: 'captions-failed', title };
    const url = withPlayerToken(address, data.videoId, resourceEntries());
    const body = await cappedText(await fetch(url, { credentials: 'include' }), MAX_CAPTIONS);
    // An empty body is what YouTube sends when it wants a proof-of-origin token we lack.
    const text = body ? json3ToText(JSON.parse(body) as unknown) : null;
    if (!text) return { kind: 'captions-failed', title };
    return { kind: 'transcript', title, text, language: track.languageCode };
  } catch {
    return { kind: 'captions-failed', title };
  }
}
