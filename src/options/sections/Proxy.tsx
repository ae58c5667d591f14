/** A proxy for the chat site's requests: on/off (the `proxy` permission where it is optional), scheme, host, port. */
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { ProxySettings, Settings } from '../../shared/settings';
import { releaseProxy, requestProxy } from '../permissions';
import type { SaveSettings } from '../use-settings';

const SCHEMES: Array<ProxySettings['scheme']> = ['http', 'https', 'socks5'];

function isScheme(value: string): value is ProxySettings['scheme'] {
  return (SCHEMES as string[]).includes(value);
}

export function Proxy({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const proxy = settings.proxy;
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const patch = (change: Partial<ProxySettings>) => save({ proxy: { ...proxy, ...change } });

  function onToggle(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    if (input.checked) {
      if (!proxy.host.trim()) {
        input.checked = false;
        setStatus({ text: t('options_proxy_need_host'), error: true });
        return;
      }
      const asked = requestProxy();
      void asked.then(
        async (granted) => {
          if (!granted) {
            input.checked = false;
            setStatus({ text: t('options_proxy_denied'), error: true });
            return;
          }
          await patch({ enabled: true });
          setStatus({
            text: t('options_proxy_on', `${proxy.scheme}://${proxy.host}:${proxy.port}`),
            error: false,
          });
        },
        (error: unknown) => {
          input.checked = false;
          setStatus({ text: String(error), error: true });
        },
      );
    } else {
      void (async () => {
        await patch({ enabled: false });
        await releaseProxy();
        setStatus({ text: t('options_proxy_off'), error: false });
      })();
    }
  }

  return (
    <section class="card" id="proxy" aria-labelledby="proxy-title">
      <h2 id="proxy-title">{t('options_proxy_title')}</h2>
      <p class="hint">{t('options_proxy_hint')}</p>
      <div class="row">
        <div class="field">
          <label for="proxy-scheme">{t('options_proxy_scheme')}</label>
          <select
            id="proxy-scheme"
            value={proxy.scheme}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isScheme(value)) void patch({ scheme: value });
            }}
          >
            {SCHEMES.map((scheme) => (
              <option key={scheme} value={scheme}>
                {scheme.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div class="field" style="flex:1 1 14rem">
          <label for="proxy-host">{t('options_proxy_host')}</label>
          <input
            id="proxy-host"
            type="text"
            placeholder="127.0.0.1"
            value={proxy.host}
            onChange={(event) => void patch({ host: event.currentTarget.value.trim() })}
          />
        </div>
        <div class="field">
          <label for="proxy-port">{t('options_proxy_port')}</label>
          <input
            id="proxy-port"
            type="number"
            min={1}
            max={65535}
            style="max-width:7rem"
            value={proxy.port}
            onChange={(event) => {
              const port = Math.round(Number(event.currentTarget.value));
              if (port >= 1 && port <= 65535) void patch({ port });
            }}
          />
        </div>
      </div>
      <label class="check">
        <input type="checkbox" checked={proxy.enabled} onChange={onToggle} />
        <span>{t('options_proxy_toggle')}</span>
      </label>
      <p class={status?.error ? 'status error' : 'status'} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
    </section>
  );
}
