/**
 * A throw-away self-signed TLS certificate made with openssl, for the tests that serve HTTPS:
 * the release tiers' chatgptt.me (test/e2e/release-package.ts) and the proxy tests' front for
 * 127.0.0.1 (test/integration/proxy-tls-front.ts).
 */
import { execFileSync } from 'node:child_process';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SelfSigned {
  keyFile: string;
  certFile: string;
  key: string;
  cert: string;
}

/**
 * Writes `<host>.key.pem` and `<host>.cert.pem` for `host` (a name or an IP address) into `dir`,
 * valid a day; named by host so one test can serve two hosts from one folder.
 */
export function selfSigned(dir: string, host: string): SelfSigned {
  const keyFile = join(dir, `${host}.key.pem`);
  const certFile = join(dir, `${host}.cert.pem`);
  const altName = isIP(host) ? `IP:${host}` : `DNS:${host}`;
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=${altName}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    // Piped, so a failure's message carries openssl's own words.
    { stdio: 'pipe' },
  );
  return {
    keyFile,
    certFile,
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
  };
}
