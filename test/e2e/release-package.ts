/**
 * The exact packages users install, for the release tiers (release.test.ts, release-firefox.test.ts):
 * `npm run package`'s zips, unzipped unmodified, a throw-away TLS certificate for chatgptt.me,
 * and what both tiers start before their browser (`startReleaseTier`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, type TestSite } from '../site/server';
import { selfSigned } from '../self-signed';
import { ROOT } from './harness';
import { startPages, type PagesServer } from './pages/server';

/** The made-up host the articles are served from: one the package has no permission for. */
export const ARTICLE_HOST = 'article.example';

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
  const { key, cert, certFile } = selfSigned(dir, host);
  const spki = execFileSync('sh', [
    '-c',
    `openssl x509 -in '${certFile}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
  ])
    .toString()
    .trim();
  return { key, cert, spki };
}

export interface ReleaseTier {
  /** The unzipped package, as a user installs it. */
  extensionDir: string;
  /** The base64 SHA-256 of the certificate's public key (Chromium trusts that key alone). */
  spki: string;
  /** The test site over TLS, naming itself https://chatgptt.me; it listens on `site.port`. */
  site: TestSite;
  /** The article pages, to be reached as `ARTICLE_HOST` on their port. */
  pages: PagesServer;
  pagesPort: number;
  /** Closes the servers and removes the package's temp folder. */
  close(): Promise<void>;
}

/** Unzips `variant`'s package and starts chatgptt.me (TLS) and the article pages for it. */
export async function startReleaseTier(variant: 'chrome' | 'firefox'): Promise<ReleaseTier> {
  const work = mkdtempSync(join(tmpdir(), `chatgptt-release-${variant}-`));
  let site: TestSite | undefined;
  const close = async () => {
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const extensionDir = join(work, variant);
    unzipReleasePackage(variant, extensionDir);
    const tls = makeCertificate(work);
    site = await startSite({ tls, publicUrl: 'https://chatgptt.me' });
    const pages = await startPages();
    return {
      extensionDir,
      spki: tls.spki,
      site,
      pages,
      pagesPort: Number(new URL(pages.url).port),
      close: async () => {
        await pages.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
