/**
 * The install warnings Chrome shows for a manifest, computed by Chrome itself
 * (`management.getPermissionWarningsByManifest`, callable from any extension page without the
 * `management` permission). Locale: the browser's (the harness starts it in en-US).
 */
import type { Page } from 'playwright-core';

type WarningsApi = {
  chrome: {
    runtime: { lastError?: { message: string } };
    management: { getPermissionWarningsByManifest(m: string, cb: (w: string[]) => void): void };
  };
};

export function permissionWarnings(extensionPage: Page, manifest: object): Promise<string[]> {
  return extensionPage.evaluate(
    (json) =>
      new Promise<string[]>((resolve, reject) => {
        const { chrome } = globalThis as unknown as WarningsApi;
        chrome.management.getPermissionWarningsByManifest(json, (warnings) => {
          const error = chrome.runtime.lastError;
          if (error) reject(new Error(error.message));
          else resolve(warnings);
        });
      }),
    JSON.stringify(manifest),
  );
}
