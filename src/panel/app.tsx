/**
 * The browser's side panel: the same chat as the in-page sidebar, with a strip naming the tab in
 * front (it follows tab switches; the conversation stays) and "Summarize this page" for it.
 * Requests from the shortcut or a menu click arrive through storage.session (side-panel.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { PANEL_REQUEST_KEY, type PanelRequestEntry } from '../background/side-panel';
import browser from '../shared/browser';
import { useT } from '../ui/i18n-context';
import type { SidebarRequest } from '../shared/messages';
import { ChatApp } from '../ui';
import { useFrontTab, type FrontTab } from './active-tab';
import { summarizeRequest } from './page-request';
import { linkToWorker } from './worker-link';
import './panel.css';

function isEntry(value: unknown): value is PanelRequestEntry {
  const entry = value as Partial<PanelRequestEntry> | null | undefined;
  return typeof entry?.id === 'string' && typeof entry.request === 'object';
}

/**
 * Takes the pending request once: a reload of the panel must not send a quick action again.
 * The third value is the tab a menu asked to summarize that only the panel can read (a PDF).
 */
function usePanelRequest(): [
  SidebarRequest | null,
  (request: SidebarRequest) => void,
  number | null,
  (tabId: number | null) => void,
] {
  const [request, setRequest] = useState<SidebarRequest | null>(null);
  const [summarizeTab, setSummarizeTab] = useState<number | null>(null);
  useEffect(() => {
    const take = (value: unknown): void => {
      if (!isEntry(value)) return;
      if (value.summarizeTab) setSummarizeTab(value.tabId);
      else setRequest(value.request);
      void browser.storage.session.remove(PANEL_REQUEST_KEY);
    };
    void browser.storage.session
      .get(PANEL_REQUEST_KEY)
      .then((items) => take(items[PANEL_REQUEST_KEY]));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area === 'session' && PANEL_REQUEST_KEY in changes)
        take(changes[PANEL_REQUEST_KEY]?.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return [request, setRequest, summarizeTab, setSummarizeTab];
}

function useWindowId(): number | null {
  const [windowId, setWindowId] = useState<number | null>(null);
  useEffect(() => {
    void browser.windows.getCurrent().then((w) => setWindowId(w.id ?? null));
  }, []);
  useEffect(() => (windowId === null ? undefined : linkToWorker(windowId)), [windowId]);
  return windowId;
}

function TabStrip({
  tab,
  onSummarize,
}: {
  tab: FrontTab | null;
  onSummarize(tab: FrontTab): void;
}) {
  const { t } = useT();
  const known = Boolean(tab?.url);
  return (
    <section class="cg-panel-tab" aria-label={t('panel_tab_label')} data-tab-id={tab?.id ?? ''}>
      <div class="cg-panel-tab-text">
        <div class="cg-panel-tab-title">
          {known ? tab?.title || tab?.url : t('panel_tab_unknown')}
        </div>
        {known ? <div class="cg-panel-tab-url">{tab?.url}</div> : null}
      </div>
      <button
        type="button"
        class="cg-button cg-small"
        disabled={!tab}
        onClick={() => tab && onSummarize(tab)}
      >
        {t('panel_summarize')}
      </button>
    </section>
  );
}

export function PanelApp() {
  const windowId = useWindowId();
  const tab = useFrontTab(windowId);
  const [request, setRequest, summarizeTab, setSummarizeTab] = usePanelRequest();
  // Why the last "Summarize this page" sent nothing, or how far reading a PDF has got, in the
  // chat's language.
  const [note, setNote] = useState('');

  useEffect(() => setNote(''), [tab?.id, tab?.url]);

  async function summarize(front: FrontTab): Promise<void> {
    setNote('');
    // Works where we have access to the tab; the browser says no otherwise. Called before any
    // await: on a PDF it asks for the site's access, which needs this click's gesture.
    const next = await summarizeRequest(front, { onStatus: setNote });
    if (next.ok) {
      setNote('');
      setRequest(next.request);
    } else setNote(next.message);
  }

  // The menu's "Summarize this page" on a PDF, once the panel knows that tab. No gesture here:
  // without the site's access yet, the note asks for one click on the button.
  const summarizeNow = useRef(summarize);
  summarizeNow.current = summarize;
  useEffect(() => {
    if (summarizeTab === null || tab?.id !== summarizeTab || !tab.url) return;
    setSummarizeTab(null);
    void summarizeNow.current(tab);
  }, [summarizeTab, tab, setSummarizeTab]);

  const banner = (
    <>
      <TabStrip tab={tab} onSummarize={(front) => void summarize(front)} />
      {note ? (
        <p class="cg-panel-note" role="status">
          {note}
        </p>
      ) : null}
    </>
  );
  return (
    <ChatApp
      surface="sidebar"
      request={request}
      banner={banner}
      onClose={() => window.close()}
      onSummarizePage={tab ? () => void summarize(tab) : undefined}
    />
  );
}
