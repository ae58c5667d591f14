/**
 * Service worker entry: wires listeners, synchronously at the top level as MV3 requires (a
 * listener added later would miss the event that woke the worker). All work lives elsewhere.
 */
// First: marks the start of the bundle's evaluation (cold-start bench).
import './trace-start';
import browser, { type Runtime } from '../shared/browser';
import type { Settings } from '../shared/settings';
import { getSettings, onSettingsChanged } from '../shared/settings-storage';
import { TOGGLE_SIDEBAR, handleCommand } from './commands';
import { handleInstalled } from './install';
import { log } from './log';
import { handleMenuClick, listenMenuShown, rebuildMenus } from './menus';
import { applyProxy } from './proxy';
import { syncSelectionButton } from './selection-button';
import { panelForMenu, panelForShortcut } from './panel-open';
import { menuRoute, shortcutRoute, type RouteState } from './panel-route';
import {
  PANEL_PORT,
  closePanelNow,
  gatePanel,
  hasBrowserPanel,
  openPanelNow,
  panelGated,
  panelOpenIn,
  rememberSurface,
  surfaceKnown,
  toggleFirefoxSidebarNow,
  trackPanelPort,
  watchPanelEvents,
} from './side-panel';
import { applySiteHeaders } from './site-headers';
import {
  openPopupInstead,
  openSidebar,
  readSelection,
  summarizePage,
  toggleSidebar,
} from './sidebar';
import { restrictStorage } from './storage-access';
import { markOnce } from './trace';
import { createWorker } from './worker';

// Every module above has been evaluated: the worker's own start ends here (cold-start bench).
markOnce('script');

async function applySettings(settings?: Settings): Promise<void> {
  const current = settings ?? (await getSettings());
  rememberSurface(current);
  await Promise.all([
    rebuildMenus(current),
    applyProxy(current),
    applySiteHeaders(current),
    syncSelectionButton(current),
    gatePanel(current.sidebarSurface),
  ]);
}

// Before anything else: content scripts may not read or write the extension's storage.
void restrictStorage().catch((error: unknown) => log('restricting storage failed', error));

// Menus, proxy, the sites' request headers and the selection button follow the settings from
// the first moment. A turn waits only for what its requests need (the proxy and the sites'
// headers): rebuilding menus and registering the selection button do not hold up the first
// message after the browser woke the worker (issue 18).
const startSettings = getSettings();
void startSettings.then(
  () => markOnce('settings'),
  () => undefined,
);
const networkApplied = startSettings
  .then((settings) => Promise.all([applyProxy(settings), applySiteHeaders(settings)]))
  .then(() => markOnce('network-rules'))
  .catch((error: unknown) => log('applying network settings failed', error));
void startSettings
  .then(async (settings) => {
    rememberSurface(settings);
    await Promise.all([rebuildMenus(settings), syncSelectionButton(settings), networkApplied]);
  })
  .catch((error: unknown) => log('applying settings failed', error));
const worker = createWorker({
  applySettings: () => applySettings(),
  settingsApplied: networkApplied,
});

// The one onMessage router and the one onConnect handler.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  worker.route(message, sender),
);
browser.runtime.onConnect.addListener((port) =>
  port.name === PANEL_PORT ? trackPanelPort(port) : worker.connect(port),
);

// A tab opened to pass a site's browser check: each finished load asks whether it passed.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'complete')
    void worker.siteChecks
      .tabLoaded(tabId)
      .catch((error: unknown) => log('site check failed', error));
});
browser.tabs.onRemoved.addListener((tabId) => {
  void worker.siteChecks.tabClosed(tabId).catch((error: unknown) => log('site check', error));
});

/**
 * Opens the side panel now (inside the gesture); where the browser refuses (no gesture reached
 * us, e.g. an old Firefox), the popup opens with its note instead.
 */
function panelOrPopup(windowId: number | undefined): Promise<void> {
  return orPopup(openPanelNow(windowId));
}

function orPopup(opened: Promise<void>): Promise<void> {
  return opened.catch((error: unknown) => {
    log('the side panel did not open; the popup instead', error);
    return openPopupInstead();
  });
}

/**
 * A cold worker's blind try (route 'panel-try'): open() was already called inside the gesture.
 * Once the settings are read, a 'panel' choice goes on as a panel open; a 'page' choice closes
 * whatever opened (normally nothing: the panel is disabled then) and takes the in-page path.
 */
async function afterPanelTry(
  windowId: number | undefined,
  opened: Promise<void>,
  asPanel: (opened: Promise<void>) => Promise<void>,
  inPage: () => Promise<void>,
): Promise<void> {
  const tried = opened.then(
    () => true,
    () => false,
  );
  const settings = await getSettings();
  if (settings.sidebarSurface === 'panel') return asPanel(orPopup(opened));
  if (await tried) await closePanelNow(windowId).catch(() => undefined);
  return inPage();
}

/** What the synchronous surface decision knows (side-panel.ts explains why it must be sync). */
function routeState(windowId: number | undefined): RouteState {
  return {
    hasPanel: hasBrowserPanel(),
    surface: surfaceKnown(),
    panelOpen: panelOpenIn(windowId),
    gated: panelGated(),
  };
}

browser.runtime.onInstalled.addListener((details) => {
  handleInstalled(details).catch((error: unknown) => log('onboarding failed', error));
});

watchPanelEvents();

// Wakes the worker at browser start, so gatePanel has run before the first shortcut press.
browser.runtime.onStartup.addListener(() => undefined);

listenMenuShown();
browser.contextMenus.onClicked.addListener((info, tab) => {
  const inPage = (): Promise<void> =>
    getSettings().then((settings) =>
      handleMenuClick(info, tab, settings, { openSidebar, summarizePage, readSelection }),
    );
  const route =
    tab && tab.id !== undefined && tab.id >= 0
      ? menuRoute(info, tab, routeState(tab.windowId))
      : 'page';
  if (tab && route !== 'page') {
    // Opened before anything is awaited: the click's gesture ends at the first await.
    const done =
      route === 'panel'
        ? panelForMenu(info, tab, panelOrPopup(tab.windowId))
        : afterPanelTry(
            tab.windowId,
            openPanelNow(tab.windowId, false),
            (opened) => panelForMenu(info, tab, opened),
            inPage,
          );
    done.catch((error: unknown) => log('menu click failed', error));
    return;
  }
  inPage().catch((error: unknown) => log('menu click failed', error));
});

browser.commands.onCommand.addListener((command, tab) => {
  if (command === TOGGLE_SIDEBAR && tab && tab.id !== undefined && tab.id >= 0) {
    const route = shortcutRoute(tab, routeState(tab.windowId));
    // Firefox toggles its own sidebar: right even when we do not know it is open.
    const toggled =
      route === 'panel-open' || route === 'panel-close'
        ? toggleFirefoxSidebarNow(tab.windowId)
        : undefined;
    if (toggled) {
      toggled
        .then((open) => (open ? panelForShortcut(tab, Promise.resolve()) : undefined))
        .catch((error: unknown) => {
          log('the sidebar did not toggle; the popup instead', error);
          return openPopupInstead();
        })
        .catch((error: unknown) => log(`command ${command} failed`, error));
      return;
    }
    if (route !== 'page') {
      // Synchronously, inside the key's gesture.
      const done =
        route === 'panel-close'
          ? closePanelNow(tab.windowId)
          : route === 'panel-open'
            ? panelForShortcut(tab, panelOrPopup(tab.windowId))
            : afterPanelTry(
                tab.windowId,
                openPanelNow(tab.windowId, false),
                (opened) => panelForShortcut(tab, opened),
                () => handleCommand(command, tab, toggleSidebar),
              );
      done.catch((error: unknown) => log(`command ${command} failed`, error));
      return;
    }
  }
  handleCommand(command, tab, toggleSidebar).catch((error: unknown) =>
    log(`command ${command} failed`, error),
  );
});

onSettingsChanged((settings) => {
  applySettings(settings).catch((error: unknown) => log('applying settings failed', error));
});
