/**
 * The tab in front of the panel's window, followed as the user switches tabs or the tab
 * navigates. Without the `tabs` permission the browser shows a tab's title and URL only where we
 * have access (the activeTab grant of a shortcut or menu click, or a host permission); else they
 * are undefined and the panel says so.
 */
import { useEffect, useState } from 'preact/hooks';
import browser, { type Tabs } from '../shared/browser';

export interface FrontTab {
  id: number;
  windowId: number;
  title?: string | undefined;
  url?: string | undefined;
}

function front(tab: Tabs.Tab | undefined): FrontTab | null {
  if (!tab || tab.id === undefined || tab.windowId === undefined) return null;
  return { id: tab.id, windowId: tab.windowId, title: tab.title, url: tab.url };
}

export function useFrontTab(windowId: number | null): FrontTab | null {
  const [tab, setTab] = useState<FrontTab | null>(null);
  useEffect(() => {
    if (windowId === null) return;
    let alive = true;
    const refresh = async (): Promise<void> => {
      const [active] = await browser.tabs.query({ active: true, windowId });
      if (alive) setTab(front(active));
    };
    const onActivated = (info: { windowId: number }): void => {
      if (info.windowId === windowId) void refresh();
    };
    const onUpdated = (_id: number, _change: unknown, updated: Tabs.Tab): void => {
      if (updated.active && updated.windowId === windowId) setTab(front(updated));
    };
    void refresh();
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      alive = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [windowId]);
  return tab;
}
