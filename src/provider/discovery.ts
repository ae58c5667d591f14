/**
 * Reads the chat tokens from a page's HTML (docs/protocol.md#page-tokens).
 * Pure: the caller fetches the page; this module only reads it.
 */
import { discoverBots, rootBotId } from './bots';
import { MissingTokensError } from './errors';
import { hasClass, scriptObject, startTags, type StartTag } from './html';
import {
  AIPKIT_CONFIG_ATTRIBUTE,
  AIPKIT_CONFIG_KEYS,
  AIPKIT_CONTAINER_CLASS,
  AIPKIT_POPUP_CLASS,
  AJAX_PATH,
  BODY_POST_ID,
  CHAT_ROOT_CLASSES,
  G2_PLUS_ATTRIBUTE,
  GENERATION_BY_VERSION,
  PARAMS_AJAX_URL_KEY,
  PARAMS_NONCE_KEY,
  PARAMS_VARIABLE,
  PLUGIN_ASSET_VERSION,
  POST_ID_JUNK,
  ROOT_ATTRIBUTES,
  SITE_LIMITS,
} from './site-knowledge';
import type { Generation, SiteTokens } from './types';

/** What a page offers, before choosing. Exposed for tests and the self-test. */
export interface PageFindings {
  shortcode?: StartTag;
  widget?: StartTag;
  aipkit?: StartTag;
  body?: StartTag;
  params?: Record<string, unknown>;
  pluginVersion?: string;
}

/** `bot`: only the chat root of that bot (an id of `discoverBots`) counts. */
export function scanPage(html: string, bot?: string): PageFindings {
  const findings: PageFindings = {};
  for (const tag of startTags(html)) {
    if (tag.name === 'body') findings.body ??= tag;
    if (tag.name !== 'div') continue;
    if (bot !== undefined && isRoot(tag) && rootBotId(tag) !== bot) continue;
    if (hasClass(tag, CHAT_ROOT_CLASSES.shortcode)) findings.shortcode ??= tag;
    else if (hasClass(tag, CHAT_ROOT_CLASSES.widget)) findings.widget ??= tag;
    else if (hasClass(tag, AIPKIT_CONTAINER_CLASS) || hasClass(tag, AIPKIT_POPUP_CLASS)) {
      // The first AIPKit element that carries data-config (an inline container, or a popup
      // wrapper, whose inner container has none); else the first one, to name what is missing.
      const current = findings.aipkit;
      if (
        current === undefined ||
        (!current.attributes.has(AIPKIT_CONFIG_ATTRIBUTE) &&
          tag.attributes.has(AIPKIT_CONFIG_ATTRIBUTE))
      )
        findings.aipkit = tag;
    }
  }
  const params = scriptObject(html, PARAMS_VARIABLE);
  if (params !== undefined) findings.params = params;
  const version = pluginVersion(html);
  if (version !== undefined) findings.pluginVersion = version;
  return findings;
}

function isRoot(tag: StartTag): boolean {
  return (
    hasClass(tag, CHAT_ROOT_CLASSES.shortcode) ||
    hasClass(tag, CHAT_ROOT_CLASSES.widget) ||
    hasClass(tag, AIPKIT_CONTAINER_CLASS) ||
    hasClass(tag, AIPKIT_POPUP_CLASS)
  );
}

/** The highest plugin version named by the page's asset URLs (`?ver=`). */
export function pluginVersion(html: string): string | undefined {
  let best: string | undefined;
  for (const match of html.matchAll(PLUGIN_ASSET_VERSION)) {
    const version = match[1];
    if (version !== undefined && (best === undefined || compareVersions(version, best) > 0))
      best = version;
  }
  return best;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function generationOfVersion(version: string): Generation {
  for (const [last, generation] of GENERATION_BY_VERSION)
    if (compareVersions(version, last) <= 0) return generation;
  return 'G5';
}

/**
 * The tokens of the page at `pageUrl`. Prefers the shortcode root, then the widget root, then the
 * AIPKit container, then `wpaicgParams.search_nonce` (any front-end page of a G2–G4 site has it).
 * Throws MissingTokensError naming what was missing.
 */
export function discoverTokens(
  html: string,
  pageUrl: string,
  now = Date.now(),
  bot?: string,
): SiteTokens {
  const page = new URL(pageUrl);
  const findings = scanPage(html, bot);
  if (bot !== undefined && !discoverBots(html).some((b) => b.id === bot))
    throw new MissingTokensError([`bot ${bot}`], pageUrl);
  const root = findings.shortcode ?? findings.widget;
  const versionGeneration =
    findings.pluginVersion === undefined ? undefined : generationOfVersion(findings.pluginVersion);
  const withVersion = <T extends SiteTokens>(tokens: T): T =>
    findings.pluginVersion === undefined
      ? tokens
      : { ...tokens, pluginVersion: findings.pluginVersion };

  if (findings.aipkit !== undefined && (root === undefined || versionGeneration === 'G5'))
    return withVersion(aipkitTokens(findings.aipkit, page, now));

  const paramsAjax = sameOriginUrl(findings.params?.[PARAMS_AJAX_URL_KEY], page);
  const ajaxUrl = paramsAjax ?? new URL(AJAX_PATH, page.origin).href;

  if (root !== undefined) {
    const read = (name: string): string => root.attributes.get(name)?.trim() ?? '';
    const nonce = read(ROOT_ATTRIBUTES.nonce);
    if (nonce === '') throw new MissingTokensError([ROOT_ATTRIBUTES.nonce], pageUrl);
    const declaredType = read(ROOT_ATTRIBUTES.type);
    const chatType =
      declaredType === 'widget' || declaredType === 'shortcode'
        ? declaredType
        : root === findings.shortcode
          ? 'shortcode'
          : 'widget';
    const generation = versionGeneration ?? (root.attributes.has(G2_PLUS_ATTRIBUTE) ? 'G4' : 'G1');
    const memory = Number.parseInt(read(ROOT_ATTRIBUTES.memoryLimit), 10);
    return withVersion({
      generation: generation === 'G5' ? 'G4' : generation,
      pageUrl,
      ajaxUrl,
      nonce,
      postId: read(ROOT_ATTRIBUTES.postId).replace(POST_ID_JUNK, ''),
      botId: read(ROOT_ATTRIBUTES.botId) || '0',
      chatType,
      url: read(ROOT_ATTRIBUTES.url) || pageWithoutQuery(page),
      memoryLimit: Number.isFinite(memory) && memory > 0 ? memory : defaultMemoryLimit(generation),
      streamHint: read(ROOT_ATTRIBUTES.streamNav) === '1',
      fetchedAt: now,
    });
  }

  const searchNonce = findings.params?.[PARAMS_NONCE_KEY];
  if (typeof searchNonce === 'string' && searchNonce !== '') {
    const bodyClass = findings.body?.attributes.get('class') ?? '';
    const generation =
      versionGeneration === undefined || versionGeneration === 'G5' ? 'G4' : versionGeneration;
    return withVersion({
      generation,
      pageUrl,
      ajaxUrl,
      nonce: searchNonce,
      postId: BODY_POST_ID.exec(bodyClass)?.[1] ?? '',
      botId: '0',
      chatType: 'shortcode',
      url: pageWithoutQuery(page),
      memoryLimit: defaultMemoryLimit(generation),
      streamHint: false,
      fetchedAt: now,
    });
  }

  throw new MissingTokensError(
    [
      `div.${CHAT_ROOT_CLASSES.shortcode}`,
      `div.${CHAT_ROOT_CLASSES.widget}`,
      `div.${AIPKIT_CONTAINER_CLASS}`,
      `${PARAMS_VARIABLE}.${PARAMS_NONCE_KEY}`,
    ],
    pageUrl,
  );
}

function aipkitTokens(container: StartTag, page: URL, now: number): SiteTokens {
  const raw = container.attributes.get(AIPKIT_CONFIG_ATTRIBUTE);
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (parsed !== null && typeof parsed === 'object') config = parsed as Record<string, unknown>;
  } catch {
    throw new MissingTokensError([AIPKIT_CONFIG_ATTRIBUTE], page.href, raw);
  }
  const text = (key: string): string => {
    const value = config[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const nonce = text(AIPKIT_CONFIG_KEYS.nonce);
  const botId = text(AIPKIT_CONFIG_KEYS.botId) || (container.attributes.get('data-bot-id') ?? '');
  const missing = [
    ...(nonce === '' ? [`${AIPKIT_CONFIG_ATTRIBUTE}.${AIPKIT_CONFIG_KEYS.nonce}`] : []),
    ...(botId === '' ? [`${AIPKIT_CONFIG_ATTRIBUTE}.${AIPKIT_CONFIG_KEYS.botId}`] : []),
  ];
  if (missing.length > 0) throw new MissingTokensError(missing, page.href);
  return {
    generation: 'G5',
    pageUrl: page.href,
    ajaxUrl:
      sameOriginUrl(config[AIPKIT_CONFIG_KEYS.ajaxUrl], page) ??
      new URL(AJAX_PATH, page.origin).href,
    nonce,
    postId: text(AIPKIT_CONFIG_KEYS.postId),
    botId,
    chatType: 'aipkit',
    url: pageWithoutQuery(page),
    memoryLimit: 100,
    streamHint: true,
    fetchedAt: now,
  };
}

/** docs/protocol.md#legacy-history-field: 1.8.79 kept 10 entries; G1's server-side cookie memory defaulted to 10; 1.9.18 to 100. */
function defaultMemoryLimit(generation: Generation): number {
  return SITE_LIMITS[generation].historyEntries;
}

function pageWithoutQuery(page: URL): string {
  return `${page.origin}${page.pathname}`.replace(/\/$/, '');
}

/** A URL the page names, only when it stays on the page's own origin (never send tokens elsewhere). */
function sameOriginUrl(value: unknown, page: URL): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const url = new URL(value, page);
    return url.origin === page.origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}
