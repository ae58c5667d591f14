// Front-end pages, rendered from the real plugin's markup (templates/ was cut from captures
// a-01, a-05 and b-01: same attributes, same order, same odd spacing and quoting).
import { readFileSync } from 'node:fs';
import {
  AIPKIT_BOTS,
  AIPKIT_SITE_NAME,
  MULTI_BOT_IDS,
  PAGES,
  SITE_NAME,
  botById,
  type PageDef,
} from './catalog';
import { escAttr, wpJsonUnicode } from './wp-format';
import type { Reply } from './wire';

const template = (name: string): string =>
  readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');

const T = {
  legacyPage: template('legacy-page.html.tpl'),
  legacyShortcode: template('legacy-shortcode.html.tpl'),
  legacyShortcodeBot: template('legacy-shortcode-bot.html.tpl'),
  legacyWidget: template('legacy-widget.html.tpl'),
  legacyScripts: template('legacy-scripts.html.tpl'),
  aipkitPage: template('aipkit-page.html.tpl'),
  aipkitChat: template('aipkit-chat.html.tpl'),
  aipkitPopup: template('aipkit-popup.html.tpl'),
  aipkitConfig: JSON.parse(template('aipkit-data-config.json.tpl')) as Record<string, unknown>,
};

function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => vars[key] ?? whole);
}

export interface PageContext {
  base: string;
  generation: 'G1' | 'G2' | 'G3' | 'G4' | 'G5';
  /** Whether the default shortcode streams (`wpaicg_shortcode_stream`). */
  stream: boolean;
  chatNonce: string;
  imageNonce: string;
  aipkitNonce: string;
  /** A stable per-page-view widget id (the plugin uses rand()). */
  widgetId: number;
  paddingKb: number;
}

function nav(base: string, current: PageDef): string {
  const items = [...PAGES].sort((a, b) => a.title.localeCompare(b.title));
  return items
    .map((p) => {
      const cls =
        'wp-block-pages-list__item' +
        (p === current ? ' current-menu-item' : '') +
        ' wp-block-navigation-item open-on-hover-click' +
        (p.path === '/' ? ' menu-item-home' : '');
      const cur = p === current ? ' aria-current="page"' : '';
      return `<li class="${cls}"><a class="wp-block-pages-list__item__link wp-block-navigation-item__content" href="${base}${p.path}"${cur}>${p.title}</a></li>`;
    })
    .join('');
}

function commonVars(ctx: PageContext, page: PageDef, siteName: string): Record<string, string> {
  const home = page.path === '/';
  const canonical = ctx.base + page.path;
  return {
    BASE: ctx.base,
    BASE_ENC: encodeURIComponent(ctx.base),
    BASE_JSON: ctx.base.replace(/\//g, '\\/'),
    TITLE: home
      ? `${siteName} &#8211; Local offline test site`
      : `${page.title} &#8211; ${siteName}`,
    POST_ID: String(page.postId),
    CANONICAL: canonical,
    CANONICAL_ENC: encodeURIComponent(canonical),
    SHORTLINK: home ? `${ctx.base}/` : `${ctx.base}/?p=${page.postId}`,
    BODY_CLASS: `${home ? 'home ' : ''}page-template-default page page-id-${page.postId} wp-embed-responsive`,
    HOME_CURRENT: home ? ' aria-current="page"' : '',
    NAV: nav(ctx.base, page),
    H1: page.title,
    INTRO: page.intro,
  };
}

/** `home_url($wp->request)`: the page URL without a trailing slash. */
function pageUrl(base: string, page: PageDef): string {
  return (base + page.path).replace(/\/$/, '');
}

function legacyPage(ctx: PageContext, page: PageDef): string {
  const chatVars = {
    BASE: ctx.base,
    NONCE: ctx.chatNonce,
    IMG_NONCE: ctx.imageNonce,
    POST_ID: String(page.postId),
    PAGE_URL: pageUrl(ctx.base, page),
    BOT_ID: String(page.botId),
    // G1 had no streaming; custom bots carry their own flag; the default shortcode follows the option.
    STREAM_NAV:
      ctx.generation === 'G1'
        ? '0'
        : page.chat === 'shortcode'
          ? ctx.stream
            ? '1'
            : '0'
          : page.botId === 6
            ? '1'
            : '0',
  };
  let chat = '';
  if (page.chat === 'shortcode') chat = fill(T.legacyShortcode, chatVars);
  else if (page.chat === 'bot') chat = fill(T.legacyShortcodeBot, chatVars);
  else if (page.chat === 'bots')
    chat = MULTI_BOT_IDS.map((id) =>
      fill(T.legacyShortcodeBot, {
        ...chatVars,
        BOT_ID: String(id),
        STREAM_NAV: ctx.generation !== 'G1' && botById(id)?.stream === true ? '1' : '0',
      }),
    ).join('\n');
  const widget =
    page.widget && page.chat !== 'params-only'
      ? fill(T.legacyWidget, {
          ...chatVars,
          BOT_ID: '0',
          // The 1.9.18/2.2 widget template writes a stray `<` before the post id (widget line 892).
          WIDGET_POST_ID: (ctx.generation === 'G4' ? '<' : '') + String(page.postId),
          WIDGET_ID: String(ctx.widgetId),
          STREAM_NAV: '0',
        })
      : '';
  const scripts =
    page.chat === 'none'
      ? ''
      : fill(T.legacyScripts, {
          BASE: ctx.base,
          BASE_JSON: ctx.base.replace(/\//g, '\\/'),
          NONCE: ctx.chatNonce,
        });
  const html = fill(T.legacyPage, {
    ...commonVars(ctx, page, SITE_NAME),
    CHAT: chat,
    WIDGET: widget,
    SCRIPTS: scripts,
  });
  // The plugin's assets carry its version (`?ver=`); each generation shows a version of its own.
  return html.replaceAll('ver=1.9.18', `ver=${LEGACY_PLUGIN_VERSION[ctx.generation]}`);
}

/** A plugin version typical of each legacy generation (wpaicg-protocol.md §0). */
const LEGACY_PLUGIN_VERSION: Record<PageContext['generation'], string> = {
  G1: '1.7.86',
  G2: '1.8.79',
  G3: '1.8.85',
  G4: '1.9.18',
  G5: '2.4.71',
};

function aipkitPage(ctx: PageContext, page: PageDef): string {
  let chat = '';
  if (page.chat !== 'none' && page.chat !== 'params-only') {
    const config = {
      ...T.aipkitConfig,
      botId: page.aipkitBotId,
      ajaxUrl: `${ctx.base}/wp-admin/admin-ajax.php`,
      nonce: ctx.aipkitNonce,
      postId: page.postId,
      popupEnabled: page.chat === 'widget-only',
    };
    // A site-wide bot shows in popup mode (the plugin's default for it): data-config sits on
    // div.aipkit_popup_wrapper and the container inside has none (renderer/methods.php).
    chat = fill(page.chat === 'widget-only' ? T.aipkitPopup : T.aipkitChat, {
      BOT_ID: String(page.aipkitBotId),
      DATA_CONFIG: escAttr(wpJsonUnicode(config)),
    });
    // A public multi-bot page: one container per bot, sharing the nonce (renderer/methods.php).
    if (page.chat === 'bots')
      chat = AIPKIT_BOTS.map((bot) =>
        fill(T.aipkitChat, {
          BOT_ID: String(bot.id),
          DATA_CONFIG: escAttr(
            wpJsonUnicode({ ...config, botId: bot.id, headerName: bot.headerName }),
          ),
        }),
      ).join('\n');
  }
  return fill(T.aipkitPage, { ...commonVars(ctx, page, AIPKIT_SITE_NAME), CHAT: chat });
}

/** Pad a page toward a realistic size (real pages carry ~100 KB of inline CSS/JS). */
function pad(html: string, kb: number): string {
  if (kb <= 0) return html;
  const missing = kb * 1024 - Buffer.byteLength(html);
  if (missing <= 0) return html;
  const line = '/* padding: realistic inline theme CSS weight */\n';
  const filler = line.repeat(Math.ceil(missing / line.length) + 1);
  return html.replace('</head>', `<style id='test-site-padding-css'>${filler}</style>\n</head>`);
}

export function renderPage(ctx: PageContext, page: PageDef): string {
  const html = ctx.generation === 'G5' ? aipkitPage(ctx, page) : legacyPage(ctx, page);
  return pad(html, ctx.paddingKb);
}

export function notFoundPage(base: string): string {
  return `<!DOCTYPE html>\n<html lang="en-US">\n<head>\n\t<meta charset="UTF-8" />\n<title>Page not found &#8211; ${SITE_NAME}</title>\n</head>\n<body class="error404">\n<main><h1>Page not found</h1><p>The page you are looking for does not exist. <a href="${base}/">Home</a></p></main>\n</body>\n</html>\n`;
}

/** A front-end page as WordPress sends it: Link headers, chunked, flushed in a few pieces. */
export function pageReply(ctx: PageContext, page: PageDef): Reply {
  const html = Buffer.from(renderPage(ctx, page));
  const shortlink = page.path === '/' ? `${ctx.base}/` : `${ctx.base}/?p=${page.postId}`;
  const size = Math.ceil(html.length / 4);
  const frames: Buffer[] = [];
  for (let i = 0; i < html.length; i += size) frames.push(html.subarray(i, i + size));
  return {
    status: 200,
    headers: [
      ['Date', new Date().toUTCString()],
      ['Server', 'Apache'],
      [
        'Link',
        [
          `<${ctx.base}/wp-json/>; rel="https://api.w.org/"`,
          `<${ctx.base}/wp-json/wp/v2/pages/${page.postId}>; rel="alternate"; type="application/json"`,
          `<${shortlink}>; rel=shortlink`,
        ],
      ],
      ['Transfer-Encoding', 'chunked'],
      ['Content-Type', 'text/html; charset=UTF-8'],
    ],
    frames,
    paceMs: 0,
  };
}

export function notFoundReply(base: string): Reply {
  return {
    status: 404,
    headers: [
      ['Date', new Date().toUTCString()],
      ['Server', 'Apache'],
      ['Content-Type', 'text/html; charset=UTF-8'],
    ],
    body: Buffer.from(notFoundPage(base)),
  };
}
