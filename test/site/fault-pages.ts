// Replies that are not the plugin's at all: a CDN challenge and proxy/PHP error pages.
import { randomBytes } from 'node:crypto';
import type { Reply } from './wire';

/** Cloudflare's managed challenge ("Just a moment..."), as a bot sees it without JavaScript. */
export function challengeReply(status: 403 | 503): Reply {
  const ray = randomBytes(8).toString('hex');
  const body = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15}</style></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: '3',cZone: "127.0.0.1",cType: 'managed',cRay: '${ray}'};}());</script></body></html>`;
  return {
    status,
    headers: [
      ['Date', new Date().toUTCString()],
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Connection', 'close'],
      [
        'Accept-CH',
        'Sec-CH-UA-Bitness, Sec-CH-UA-Arch, Sec-CH-UA-Full-Version, Sec-CH-UA-Mobile, Sec-CH-UA-Model, Sec-CH-UA-Platform-Version, Sec-CH-UA-Full-Version-List, Sec-CH-UA-Platform, Sec-CH-UA, UA-Bitness, UA-Arch, UA-Full-Version, UA-Mobile, UA-Model, UA-Platform-Version, UA-Platform, UA',
      ],
      ['Cross-Origin-Embedder-Policy', 'require-corp'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Resource-Policy', 'same-origin'],
      [
        'Permissions-Policy',
        'accelerometer=(),autoplay=(),browsing-topics=(),camera=(),clipboard-read=(),clipboard-write=(),geolocation=(),gyroscope=(),hid=(),interest-cohort=(),magnetometer=(),microphone=(),payment=(),publickey-credentials-get=(),screen-wake-lock=(),serial=(),sync-xhr=(),usb=()',
      ],
      ['Referrer-Policy', 'same-origin'],
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['cf-mitigated', 'challenge'],
      [
        'Cache-Control',
        'private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0',
      ],
      ['Expires', 'Thu, 01 Jan 1970 00:00:01 GMT'],
      ['Vary', 'Accept-Encoding'],
      ['Server', 'cloudflare'],
      ['CF-RAY', `${ray}-AMS`],
    ],
    body: Buffer.from(body),
  };
}

const ERROR_PAGES: Record<500 | 502 | 503, { title: string; text: string; server: string }> = {
  500: {
    title: '500 Internal Server Error',
    text: 'The server encountered an internal error or misconfiguration and was unable to complete your request.',
    server: 'Apache',
  },
  502: {
    title: '502 Bad Gateway',
    text: 'The proxy server received an invalid response from an upstream server.',
    server: 'nginx',
  },
  503: {
    title: '503 Service Unavailable',
    text: 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
    server: 'Apache',
  },
};

/** An HTML error page from the web server or a proxy in front of WordPress. */
export function httpErrorReply(status: 500 | 502 | 503): Reply {
  const page = ERROR_PAGES[status];
  const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${page.title}</title>\n</head><body>\n<h1>${page.title.replace(/^\d+ /, '')}</h1>\n<p>${page.text}</p>\n<hr>\n<address>${page.server} Server at 127.0.0.1</address>\n</body></html>\n`;
  return {
    status,
    headers: [
      ['Date', new Date().toUTCString()],
      ['Server', page.server],
      ...(status === 503 ? ([['Retry-After', '30']] as [string, string][]) : []),
      ['Connection', 'close'],
      ['Content-Type', 'text/html; charset=iso-8859-1'],
    ],
    body: Buffer.from(body),
  };
}

/** PHP fatal error inside admin-ajax: WordPress's recovery handler prints this with HTTP 500. */
export function criticalErrorReply(): Reply {
  const body =
    '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>';
  return {
    status: 500,
    headers: [
      ['Date', new Date().toUTCString()],
      ['Server', 'Apache'],
      ['X-Robots-Tag', 'noindex'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Expires', 'Wed, 11 Jan 1984 05:00:00 GMT'],
      ['Cache-Control', 'no-cache, must-revalidate, max-age=0'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['Connection', 'close'],
      ['Content-Type', 'text/html; charset=UTF-8'],
    ],
    body: Buffer.from(body),
  };
}

/** The clearance cookie `clearance` mode hands out at PASS_CHECK_PATH and then asks for. */
export const CLEARANCE_COOKIE = 'cf_clearance';
export const PASS_CHECK_PATH = '/pass-check/';

/** Whether a request carries the clearance cookie (the browser passed the check). */
export function hasClearance(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? '')
    .split(';')
    .some((part) => part.trim() === `${CLEARANCE_COOKIE}=passed`);
}

/**
 * The challenge of `clearance` mode as a person sees it in a tab: Cloudflare's page, plus the
 * one step the person takes (a real check runs its script, then reloads the page asked for).
 */
export function clearanceChallengeReply(path: string): Reply {
  const reply = challengeReply(503);
  const back = encodeURIComponent(path);
  const step = `<p><a id="pass-check" href="${PASS_CHECK_PATH}?return=${back}">Verify you are human</a></p>`;
  return {
    ...reply,
    body: Buffer.from((reply.body?.toString('utf8') ?? '').replace('</body>', `${step}</body>`)),
  };
}

/**
 * The "pass the check" page: opened in a normal tab, it sets the clearance cookie; with a
 * same-site `return` path it goes back to that page, as Cloudflare does after its check.
 */
export function passCheckReply(returnPath?: string | null): Reply {
  const cookie = `${CLEARANCE_COOKIE}=passed; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax`;
  if (returnPath && returnPath.startsWith('/') && !returnPath.startsWith('//'))
    return {
      status: 302,
      headers: [
        ['Location', returnPath],
        ['Set-Cookie', cookie],
      ],
      body: Buffer.alloc(0),
    };
  const body =
    '<!DOCTYPE html><html lang="en"><head><title>Check passed</title></head><body><h1>Check passed</h1><p>You can chat now.</p></body></html>';
  return {
    status: 200,
    headers: [
      ['Content-Type', 'text/html; charset=UTF-8'],
      // Lax, like Cloudflare's own cookie on a plain-http test host (None needs Secure).
      ['Set-Cookie', cookie],
    ],
    body: Buffer.from(body),
  };
}
