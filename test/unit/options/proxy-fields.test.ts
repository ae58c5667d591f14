import { describe, expect, it } from 'vitest';

import { isProxyHost, parsePort } from '../../../src/options/proxy-fields';

describe('proxy form checks', () => {
  it('ports: whole numbers 1–65535 only', () => {
    expect(parsePort('1')).toBe(1);
    expect(parsePort(' 8080 ')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['0', '65536', '99999', '-1', '80.5', '80a', '', '1e3']) {
      expect(parsePort(bad), bad).toBeNull();
    }
  });
  it('hosts: names, IPv4, bracketed IPv6; no scheme, port, path or spaces', () => {
    for (const good of ['proxy.example.com', 'localhost', '127.0.0.1', '[::1]', 'my-proxy']) {
      expect(isProxyHost(good), good).toBe(true);
    }
    for (const bad of [
      'http://proxy',
      'proxy:8080',
      'proxy/x',
      'a b',
      '999.1.1.1',
      '-x.com',
      '[]',
      '',
    ]) {
      expect(isProxyHost(bad), bad).toBe(false);
    }
  });
});
