/**
 * Reads what chrome://extensions shows about an extension. Manifest errors and warnings are
 * only collected in developer mode, so this turns it on and reloads the extension first.
 */
import type { BrowserContext } from 'playwright-core';

export interface ExtensionInfo {
  installWarnings: string[];
  manifestErrors: Array<{ message: string }>;
  runtimeErrors: Array<{ message: string }>;
}

interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
  reload(
    id: string,
    options: { failQuietly: boolean; populateErrorForUnpacked: boolean },
  ): Promise<unknown>;
  getExtensionsInfo(): Promise<Array<ExtensionInfo & { id: string }>>;
}

export async function readExtensionInfo(
  context: BrowserContext,
  extensionId: string,
): Promise<ExtensionInfo | undefined> {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions');
    return await page.evaluate(async (id) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } })
        .chrome.developerPrivate;
      await api.updateProfileConfiguration({ inDeveloperMode: true });
      await api.reload(id, { failQuietly: true, populateErrorForUnpacked: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const found = (await api.getExtensionsInfo()).find((e) => e.id === id);
      return (
        found && {
          installWarnings: found.installWarnings,
          manifestErrors: found.manifestErrors,
          runtimeErrors: found.runtimeErrors,
        }
      );
    }, extensionId);
  } finally {
    await page.close();
  }
}
