/** `proxy`: the site's requests go through an HTTP proxy started by the test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { runCli } from './cli-run';
import { echoedMessage, turn } from './provider-helpers';
import { startProxy, type TestProxy } from './proxy-server';
import { startTlsFront } from './proxy-tls-front';

let site: TestSite;
let proxy: TestProxy;
beforeAll(async () => {
  [site, proxy] = await Promise.all([startSite({ generation: 'G4' }), startProxy()]);
});
afterAll(async () => {
  await Promise.all([site.close(), proxy.close()]);
});

const through = (): number => proxy.tunnels.length + proxy.forwarded.length;

describe('proxy', () => {
  it('the library: page and chat requests go through the proxy, the answer arrives', async () => {
    const before = through();
    site.clearLog();
    const outcome = await turn('via proxy', { site: site.pages.shortcode, proxy: proxy.url });
    expect(outcome.error).toBeUndefined();
    expect(echoedMessage(outcome.text)).toBe('via proxy');
    expect(through()).toBeGreaterThan(before);
    expect(proxy.tunnels).toContain(new URL(site.url).host);
    // Each request reached the site, and every one of them came through the proxy's tunnel or forwarder.
    expect(site.log.map((e) => e.method)).toEqual(['GET', 'POST']);
    const host = new URL(site.url).host;
    expect([
      ...proxy.tunnels,
      ...proxy.forwarded.map((f) => new URL(f.split(' ')[1] ?? '').host),
    ]).toContain(host);
  });

  it('the CLI: --proxy', async () => {
    const before = through();
    const result = await runCli([
      '--proxy',
      proxy.url,
      '--site',
      site.pages.plain,
      'cli via proxy',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ECHO\[n=2\]: cli via proxy/);
    expect(through()).toBeGreaterThan(before);
  });

  it('an https site through the proxy: a CONNECT tunnel to it, TLS inside (the CLI)', async () => {
    const front = await startTlsFront(site.url);
    try {
      const host = new URL(front.url).host;
      const tunnelsBefore = proxy.tunnels.filter((t) => t === host).length;
      const result = await runCli(
        ['--proxy', proxy.url, '--site', `${front.url}/`, 'secure hello'],
        {
          env: { NODE_EXTRA_CA_CERTS: front.certFile },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^ECHO\[n=2\]: secure hello/);
      expect(proxy.tunnels.filter((t) => t === host).length).toBeGreaterThan(tunnelsBefore);
    } finally {
      await front.close();
    }
  });

  it('a proxy that is not there: network error', async () => {
    const gone = await startProxy();
    const url = gone.url;
    await gone.close();
    const outcome = await turn('nowhere', { site: site.pages.shortcode, proxy: url });
    expect(outcome.error?.kind).toBe('network');
  });
});
