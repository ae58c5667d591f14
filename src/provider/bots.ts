/**
 * Every chat root of a page as a bot the user can choose (issue 16 item 1). Public sites put
 * several roots on one page: up to 8 AIPKit containers sharing one nonce, each its own bot and
 * model, named by its data-config `headerName`; legacy pages carry a shortcode and the site-wide
 * widget, or several custom bots. Pure: reads HTML only.
 */
import { hasClass, startTags, type StartTag } from './html';
import {
  AIPKIT_CONFIG_ATTRIBUTE,
  AIPKIT_CONFIG_KEYS,
  AIPKIT_CONTAINER_CLASS,
  AIPKIT_POPUP_CLASS,
  CHAT_ROOT_CLASSES,
  ROOT_ATTRIBUTES,
} from './site-knowledge';
import type { SiteBot } from './bot-match';

export { botForModel, type SiteBot } from './bot-match';

/** At most this many bots are read from one page (public pages show up to 8). */
const MAX_BOTS = 32;

export function discoverBots(html: string): SiteBot[] {
  const bots: SiteBot[] = [];
  const seen = new Set<string>();
  for (const tag of startTags(html)) {
    if (tag.name !== 'div') continue;
    const bot = botOf(tag);
    if (bot === undefined || seen.has(`${bot.kind}:${bot.id}`)) continue;
    seen.add(`${bot.kind}:${bot.id}`);
    bots.push({ ...bot, isDefault: bots.length === 0 });
    if (bots.length >= MAX_BOTS) break;
  }
  return bots;
}

/** The bot id a root tag stands for (the tag `ChatOptions.bot` picks), or undefined. */
export function rootBotId(tag: StartTag): string | undefined {
  return botOf(tag)?.id;
}

function botOf(tag: StartTag): Omit<SiteBot, 'isDefault'> | undefined {
  if (hasClass(tag, AIPKIT_CONTAINER_CLASS) || hasClass(tag, AIPKIT_POPUP_CLASS)) {
    // A popup wrapper carries the config; its inner container has none and is not a bot.
    const config = configOf(tag);
    if (config === undefined) return undefined;
    const id = text(config[AIPKIT_CONFIG_KEYS.botId]) || (tag.attributes.get('data-bot-id') ?? '');
    if (id === '') return undefined;
    const name = text(config['headerName']).trim() || text(config['model']).trim();
    return {
      id,
      name: name || `Bot ${id}`,
      kind: 'aipkit',
      // The AIPKit front end always streams (EventSource); 2.4.71 registers no other action.
      streaming: true,
      ...flag('imageInput', config['imageUploadEnabledUI']),
      ...flag('webSearch', config['allowWebSearchTool'] ?? config['allowGoogleSearchGrounding']),
    };
  }
  const kind = hasClass(tag, CHAT_ROOT_CLASSES.shortcode)
    ? 'shortcode'
    : hasClass(tag, CHAT_ROOT_CLASSES.widget)
      ? 'widget'
      : undefined;
  if (kind === undefined) return undefined;
  const id = tag.attributes.get(ROOT_ATTRIBUTES.botId)?.trim() || '0';
  const name =
    tag.attributes.get('data-bot-name')?.trim() ||
    tag.attributes.get('data-model')?.trim() ||
    (kind === 'widget' ? 'Widget' : id === '0' ? 'Chat' : `Bot ${id}`);
  return {
    id: kind === 'widget' ? `widget:${id}` : id,
    name,
    kind,
    streaming: tag.attributes.get(ROOT_ATTRIBUTES.streamNav) === '1',
  };
}

function configOf(tag: StartTag): Record<string, unknown> | undefined {
  const raw = tag.attributes.get(AIPKIT_CONFIG_ATTRIBUTE);
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function flag<K extends 'imageInput' | 'webSearch'>(
  key: K,
  value: unknown,
): Partial<Record<K, boolean>> {
  if (typeof value === 'boolean') return { [key]: value } as Record<K, boolean>;
  if (value === '1' || value === 1) return { [key]: true } as Record<K, boolean>;
  if (value === '0' || value === 0) return { [key]: false } as Record<K, boolean>;
  return {};
}
