/** First install: show the onboarding page (what the extension does, the shortcuts, the options). */
import browser, { type Runtime } from '../shared/browser';

export const ONBOARDING_PAGE = 'onboarding/onboarding.html';

export async function handleInstalled(details: Runtime.OnInstalledDetailsType): Promise<void> {
  if (details.reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(ONBOARDING_PAGE) });
}
