/**
 * Chat sites: add one by the URL of a page hosting the chat (permission first, inside the click,
 * then the self-test), check, make default, reorder, remove; and the fallback switch.
 */
import { useState } from 'preact/hooks';
import type { SelfTestResult } from '../../provider/types';
import { useT } from '../../ui/i18n-context';
import { RequestError, request } from '../../shared/rpc';
import type { Settings, SiteCheck, SiteEntry } from '../../shared/settings';
import {
  DEFAULT_SITE,
  hasScheme,
  normalizeSiteUrl,
  originPattern,
  sameSite,
} from '../../shared/site-url';
import { releaseOrigins, requestOrigins } from '../permissions';
import type { UpdateSettings } from '../use-settings';
import { MoveButtons, moveBy } from './MoveButtons';
import { SelfTestSteps } from './SelfTestSteps';

/** The permission patterns of site addresses (one that is no http(s) page has none). */
const patternsOf = (...urls: string[]): string[] => urls.flatMap((url) => originPattern(url) ?? []);

type TestState = { running: true } | { running: false; result: SelfTestResult };

/** The status line, with the one next step it may offer about a site. */
interface Status {
  text: string;
  error: boolean;
  offer?: { action: 'default' | 'http'; site: string };
}

/** The same address over plain http, offered (never tried unasked) when https did not connect. */
export function httpVariant(url: string): string {
  const parsed = new URL(url);
  parsed.protocol = 'http:';
  return parsed.href;
}

/** What the check's result stores on the site: a failed check keeps it out of fallback. */
export function checkOf(result: SelfTestResult, at: number): SiteCheck {
  if (result.ok) return { ok: true, at };
  const failed = result.steps.find((step) => !step.ok);
  return failed?.error ? { ok: false, at, kind: failed.error.kind } : { ok: false, at };
}

function failedResult(url: string, error: unknown): SelfTestResult {
  const stored =
    error instanceof RequestError
      ? error.error
      : { kind: 'network' as const, message: String(error) };
  return {
    site: url,
    ok: false,
    steps: [{ step: 'page', ok: false, ms: 0, error: stored }],
  };
}

export function Sites({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const { t } = useT();
  const [input, setInput] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});

  /** Runs the self-test and stores its outcome on the site (fallback reads it). */
  async function runTest(url: string): Promise<SelfTestResult> {
    setTests((all) => ({ ...all, [url]: { running: true } }));
    let result: SelfTestResult;
    try {
      result = await request('site/selfTest', { url });
    } catch (error) {
      result = failedResult(url, error);
    }
    setTests((all) => ({ ...all, [url]: { running: false, result } }));
    const check = checkOf(result, Date.now());
    await update((current) => ({
      sites: current.sites.map((s) => (sameSite(s.url, url) ? { ...s, check } : s)),
    }));
    return result;
  }

  /** Adds the site once access is granted, checks it, and says what came of it. */
  async function addAndCheck(asked: Promise<boolean>, url: string, bare: boolean): Promise<void> {
    let granted = false;
    try {
      granted = await asked;
    } catch (error) {
      setStatus({ text: t('options_sites_permission_error', String(error)), error: true });
      return;
    }
    if (!granted) {
      setStatus({ text: t('options_sites_permission_denied'), error: true });
      return;
    }
    await update((current) => ({
      sites: current.sites.some((s) => sameSite(s.url, url))
        ? current.sites
        : [...current.sites, { url }],
    }));
    setInput('');
    setStatus({ text: t('options_sites_added', url), error: false });
    const result = await runTest(url);
    const failedKind = result.steps.find((step) => !step.ok)?.error?.kind;
    if (result.ok) {
      setStatus({
        text: t('options_sites_added_ok', url),
        error: false,
        offer: sameSite(settings.defaultSite, url) ? undefined : { action: 'default', site: url },
      });
    } else if (bare && failedKind === 'network' && url.startsWith('https:')) {
      // The user wrote no scheme and https does not connect: ask before trying plain http.
      setStatus({
        text: t('options_sites_https_failed', url),
        error: true,
        offer: { action: 'http', site: url },
      });
    } else {
      setStatus({ text: t('options_sites_added_failed', url), error: true });
    }
  }

  function onAdd(event: Event): void {
    event.preventDefault();
    const url = normalizeSiteUrl(input);
    if (!url) {
      setStatus({ text: t('options_sites_invalid'), error: true });
      return;
    }
    if (settings.sites.some((site) => sameSite(site.url, url))) {
      setStatus({ text: t('options_sites_exists'), error: true });
      return;
    }
    // The prompt appears only while the click's user gesture lasts: no await before this call.
    const asked = requestOrigins(patternsOf(url));
    void addAndCheck(asked, url, !hasScheme(input));
  }

  /** Replaces the https site that did not connect by its http address, at the user's word. */
  function tryHttp(httpsUrl: string): void {
    const url = httpVariant(httpsUrl);
    const asked = requestOrigins(patternsOf(url));
    void (async () => {
      await update((current) => {
        const sites = current.sites.filter((s) => !sameSite(s.url, httpsUrl));
        return sites.length === 0 ? {} : { sites };
      });
      const pattern = originPattern(httpsUrl);
      if (
        pattern &&
        !settings.sites.some((s) => !sameSite(s.url, httpsUrl) && originPattern(s.url) === pattern)
      )
        await releaseOrigins([pattern]);
      await addAndCheck(asked, url, false);
    })();
  }

  async function makeDefault(site: SiteEntry): Promise<void> {
    // The default goes first: the fallback order is the list order.
    await update((current) => ({
      defaultSite: site.url,
      sites: [site, ...current.sites.filter((s) => !sameSite(s.url, site.url))],
    }));
    setStatus({ text: t('options_sites_now_default', site.url), error: false });
  }

  async function remove(site: SiteEntry): Promise<void> {
    let left: SiteEntry[] = [];
    await update((current) => {
      const sites = current.sites.filter((s) => !sameSite(s.url, site.url));
      if (sites.length === 0) return {};
      left = sites;
      const defaultSite = sameSite(current.defaultSite, site.url)
        ? (sites[0]?.url ?? DEFAULT_SITE)
        : current.defaultSite;
      return { sites, defaultSite };
    });
    if (left.length === 0) return;
    const pattern = originPattern(site.url);
    if (pattern && !left.some((s) => originPattern(s.url) === pattern))
      await releaseOrigins([pattern]);
    setStatus({ text: t('options_sites_removed', site.url), error: false });
  }

  return (
    <section class="card" id="sites" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('options_sites_title')}</h2>
      <p class="hint">{t('options_sites_hint')}</p>
      {/* noValidate: a bare host ("example.org/chat") is no valid type=url value, yet it is
          what people type; normalizeSiteUrl makes it https and refuses what is no web address. */}
      <form class="field" onSubmit={onAdd} noValidate>
        <label for="site-url">{t('options_sites_url_label')}</label>
        <div class="row">
          <input
            id="site-url"
            type="url"
            inputMode="url"
            placeholder="https://example.com/chat/"
            value={input}
            onInput={(event) => setInput(event.currentTarget.value)}
            aria-describedby="site-url-hint"
          />
          <button type="submit" class="primary">
            {t('options_sites_add')}
          </button>
        </div>
        <span id="site-url-hint" class="hint">
          {t('options_sites_url_hint')}
        </span>
      </form>
      <p class={status?.error ? 'status error' : 'status'} role="status" aria-live="polite">
        {status?.text ?? ''}
        {status?.offer?.action === 'default' && (
          <button
            type="button"
            class="inline-action"
            onClick={() => {
              const site = settings.sites.find((s) => sameSite(s.url, status.offer?.site ?? ''));
              if (site) void makeDefault(site);
            }}
          >
            {t('options_sites_offer_default')}
          </button>
        )}
        {status?.offer?.action === 'http' && (
          <button
            type="button"
            class="inline-action"
            onClick={() => tryHttp(status.offer?.site ?? '')}
          >
            {t('options_sites_try_http', httpVariant(status.offer.site))}
          </button>
        )}
      </p>
      <ul class="list" aria-label={t('options_sites_list')}>
        {settings.sites.map((site, index) => {
          const isDefault = sameSite(site.url, settings.defaultSite);
          const test = tests[site.url];
          return (
            <li class="item" key={site.url} data-site={site.url}>
              <div class="item-head">
                <span class="site-url">
                  {site.url}
                  {isDefault && <span class="badge">{t('options_sites_default_badge')}</span>}
                  {site.check?.ok === false && (
                    <span class="badge warn" data-testid="check-failed">
                      {t('options_sites_check_failed_badge')}
                    </span>
                  )}
                </span>
                <div class="row">
                  <button
                    type="button"
                    onClick={() => void runTest(site.url)}
                    disabled={test?.running === true}
                    aria-label={t('options_sites_check_named', site.url)}
                  >
                    {test?.running ? t('options_sites_checking') : t('options_sites_check')}
                  </button>
                  {!isDefault && (
                    <button
                      type="button"
                      onClick={() => void makeDefault(site)}
                      aria-label={t('options_sites_make_default_named', site.url)}
                    >
                      {t('options_sites_make_default')}
                    </button>
                  )}
                  <MoveButtons
                    index={index}
                    count={settings.sites.length}
                    name={site.url}
                    onMove={(delta) =>
                      void update((current) => ({
                        sites: moveBy(current.sites, (s) => sameSite(s.url, site.url), delta),
                      }))
                    }
                  />
                  <button
                    type="button"
                    class="danger"
                    onClick={() => void remove(site)}
                    disabled={settings.sites.length < 2}
                    aria-label={t('options_sites_remove_named', site.url)}
                  >
                    {t('options_remove')}
                  </button>
                </div>
              </div>
              {test?.running && (
                <p class="status" role="status">
                  {t('options_sites_checking_long')}
                </p>
              )}
              {test && !test.running && <SelfTestSteps result={test.result} />}
            </li>
          );
        })}
      </ul>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.fallback}
          onChange={(event) => {
            const fallback = event.currentTarget.checked;
            void update(() => ({ fallback }));
          }}
        />
        <span>
          {t('options_sites_fallback')}
          <span class="hint" style="display:block;margin:0">
            {t('options_sites_fallback_hint')}
          </span>
        </span>
      </label>
    </section>
  );
}
