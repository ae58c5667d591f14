/** A proxy for the chat site's requests: on/off (the `proxy` permission where it is optional), scheme, host, port. */
import { useRef, useState } from 'preact/hooks';
import { useT } from '../../ui/i18n-context';
import type { ProxySettings, Settings } from '../../shared/settings';
import { releaseProxy, requestProxy } from '../permissions';
import { DraftInput } from '../DraftFields';
import { isProxyHost, parsePort, proxyAvailable } from '../proxy-fields';
import { usePendingSwitch } from '../use-pending-switch';
import type { UpdateSettings } from '../use-settings';

const SCHEMES: Array<ProxySettings['scheme']> = ['http', 'https', 'socks5'];

function isScheme(value: string): value is ProxySettings['scheme'] {
  return (SCHEMES as string[]).includes(value);
}

export function Proxy({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const { t } = useT();
  if (!proxyAvailable()) {
    return (
      <section class="card" id="proxy" aria-labelledby="proxy-title">
        <h2 id="proxy-title">{t('options_proxy_title')}</h2>
        <p class="hint" id="proxy-unavailable">
          {t('options_proxy_unavailable')}
        </p>
      </section>
    );
  }
  return <ProxyForm settings={settings} update={update} />;
}

function ProxyForm({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const { t } = useT();
  const proxy = settings.proxy;
  const [hostError, setHostError] = useState(false);
  const [portError, setPortError] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const toggle = usePendingSwitch(proxy.enabled, (error) =>
    setStatus({ text: String(error), error: true }),
  );
  // The fields themselves at the moment of the click: a quick user (or autofill) may tick the
  // box before what was typed has been saved, or even re-rendered.
  const hostField = useRef<HTMLInputElement>(null);
  const portField = useRef<HTMLInputElement>(null);
  // Each change on top of the stored proxy, so two quick edits never undo each other.
  const patch = (change: Partial<ProxySettings>) =>
    update((current) => ({ proxy: { ...current.proxy, ...change } }));

  function onToggle(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    if (!input.checked) {
      toggle.run(false, async () => {
        await patch({ enabled: false });
        await releaseProxy();
        setStatus({ text: t('options_proxy_off'), error: false });
      });
      return;
    }
    const typedHost = (hostField.current?.value ?? proxy.host).trim();
    if (!typedHost) {
      input.checked = false;
      setStatus({ text: t('options_proxy_need_host'), error: true });
      return;
    }
    const portNumber = parsePort(portField.current?.value ?? String(proxy.port));
    const hostOk = isProxyHost(typedHost);
    setHostError(!hostOk);
    setPortError(portNumber === null);
    if (!hostOk || portNumber === null) {
      // Never "on" with a port or host the browser would not use.
      input.checked = false;
      setStatus({ text: t('options_proxy_fix_first'), error: true });
      return;
    }
    toggle.run(true, async () => {
      if (!(await requestProxy())) {
        setStatus({ text: t('options_proxy_denied'), error: true });
        return;
      }
      await patch({ enabled: true, host: typedHost, port: portNumber });
      setStatus({
        text: t('options_proxy_on', `${proxy.scheme}://${typedHost}:${portNumber}`),
        error: false,
      });
    });
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
          <DraftInput
            id="proxy-host"
            inputRef={hostField}
            placeholder="127.0.0.1"
            value={proxy.host}
            aria-invalid={hostError || undefined}
            aria-describedby={hostError ? 'proxy-host-error' : undefined}
            onCommit={(text) => {
              const ok = isProxyHost(text) || text.trim() === '';
              setHostError(!ok);
              // A bad host stays in the field, marked, and is not saved.
              if (ok) void patch({ host: text.trim() });
            }}
          />
          {hostError ? (
            <span id="proxy-host-error" class="field-error" role="alert">
              {t('options_proxy_host_invalid')}
            </span>
          ) : null}
        </div>
        <div class="field">
          <label for="proxy-port">{t('options_proxy_port')}</label>
          <DraftInput
            id="proxy-port"
            inputRef={portField}
            type="number"
            min={1}
            max={65535}
            style="max-width:7rem"
            value={String(proxy.port)}
            aria-invalid={portError || undefined}
            aria-describedby={portError ? 'proxy-port-error' : undefined}
            onCommit={(text) => {
              const value = parsePort(text);
              setPortError(value === null);
              if (value !== null) void patch({ port: value });
            }}
          />
          {portError ? (
            <span id="proxy-port-error" class="field-error" role="alert">
              {t('options_proxy_port_invalid')}
            </span>
          ) : null}
        </div>
      </div>
      <label class="check">
        <input type="checkbox" checked={toggle.checked} onChange={onToggle} />
        <span>{t('options_proxy_toggle')}</span>
      </label>
      <p class={status?.error ? 'status error' : 'status'} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
    </section>
  );
}
