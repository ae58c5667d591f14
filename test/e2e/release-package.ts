/**
 * The exact packages users install, for the release tiers (release.test.ts, release-firefox.test.ts):
 * `npm run package`'s zips, unzipped unmodified, and a throw-away TLS certificate for chatgptt.me.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness';

/**
 * Makes the store zips with the script that makes them for the stores and unzips the one for
 * `variant` into `dir` (nothing is added or changed: the folder is the zip).
 */
export function unzipReleasePackage(variant: 'chrome' | 'firefox', dir: string): void {
  execFileSync('npx', ['tsx', 'scripts/package.ts'], { cwd: ROOT, stdio: 'ignore' });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  execFileSync('unzip', [
    '-q',
    join(ROOT, 'extension/packages', `chatgptt-${version}-${variant}.zip`),
    '-d',
    dir,
  ]);
}

/** A throw-away certificate for `host` (chatgptt.me) and the base64 SHA-256 of its public key. */
export function makeCertificate(
  dir: string,
  host = 'chatgptt.me',
): { key: string; cert: string; spki: string } {
  const keyFile = join(dir, `${host}.key.pem`);
  const certFile = join(dir, `${host}.cert.pem`);
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
      `subjectAltName=DNS:${host}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  const spki = execFileSync('sh', [
    '-c',
    `openssl x509 -in '${certFile}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
  ])
    .toString()
    .trim();
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), spki };
}
