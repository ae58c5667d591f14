/**
 * Service worker entry: wires listeners, synchronously at the top level as MV3 requires (a
 * listener added later would miss the event that woke the worker). All work lives elsewhere.
 */
import browser, { type Runtime } from '../shared/browser';
import { setLanguage } from '../shared/i18n';
import { getSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { handleCommand } from './commands';
import { handleInstalled } from './install';
import { log } from './log';
import { handleMenuClick, rebuildMenus } from './menus';
import { applyProxy } from './proxy';
import { syncSelectionButton } from './selection-button';
import { applySiteHeaders } from './site-headers';
import { openSidebar, readSelection, summarizePage, toggleSidebar } from './sidebar';
import { restrictStorage } from './storage-access';
import { createWorker } from './worker';

async function applySettings(settings?: Settings): Promise<void> {
  const current = settings ?? (await getSettings());
  // The worker's own words (menus, refusals, notes) in the language the user picked.
  setLanguage(current.language);
  await Promise.all([
    rebuildMenus(current),
    applyProxy(current),
    applySiteHeaders(current),
    syncSelectionButton(current),
  ]);
}

// Before anything else: content scripts may not read or write the extension's storage.
void restrictStorage().catch((error: unknown) => log('restricting storage failed', error));

// Menus, proxy, the sites' request headers and the selection button follow the settings from
// the first moment.
const settingsApplied = applySettings().catch((error: unknown) =>
  log('applying settings failed', error),
);
const worker = createWorker({ applySettings: () => applySettings(), settingsApplied });

// The one onMessage router and the one onConnect handler.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  worker.route(message, sender),
);
browser.runtime.onConnect.addListener((port) => worker.connect(port));

browser.runtime.onInstalled.addListener((details) => {
  handleInstalled(details).catch((error: unknown) => log('onboarding failed', error));
});

browser.contextMenus.onClicked.addListener((info, tab) => {
  getSettings()
    .then((settings) =>
      handleMenuClick(info, tab, settings, { openSidebar, summarizePage, readSelection }),
    )
    .catch((error: unknown) => log('menu click failed', error));
});

browser.commands.onCommand.addListener((command, tab) => {
  handleCommand(command, tab, toggleSidebar).catch((error: unknown) =>
    log(`command ${command} failed`, error),
  );
});

onSettingsChanged((settings) => {
  applySettings(settings).catch((error: unknown) => log('applying settings failed', error));
});
