/**
 * The toolbar popup's chat: ChatApp plus "Summarize this page" for the tab the popup was
 * opened over. The toolbar click grants activeTab on that tab, so its text can be read without
 * any host permission; the reading code loads on first use, outside the popup's initial budget.
 */
import { useEffect, useState } from 'preact/hooks';
import { isWatchUrl } from '../shared/video-page';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import { ChatApp } from '../ui';

/** The tab in front of the popup's window, when it is a web page (not the popup itself). */
async function pageTab(): Promise<{ id: number; title?: string; url?: string } | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  if (tab.url && !/^(https?|file):/.test(tab.url)) return null;
  return {
    id: tab.id,
    ...(tab.title ? { title: tab.title } : {}),
    ...(tab.url ? { url: tab.url } : {}),
  };
}

export function PopupApp() {
  const [request, setRequest] = useState<SidebarRequest | null>(null);
  const [note, setNote] = useState('');
  // Over a YouTube video the starter says "video" (the toolbar click's activeTab shows the URL).
  const [label, setLabel] = useState<string | undefined>(undefined);
  useEffect(() => {
    void pageTab()
      .then((tab) => setLabel(isWatchUrl(tab?.url) ? t('youtube_summarize_label') : undefined))
      .catch(() => undefined);
  }, []);
  const summarize = async (): Promise<void> => {
    setNote('');
    const tab = await pageTab().catch(() => null);
    const next = tab
      ? await import('../panel/page-request')
          .then((module) => module.summarizeRequest(tab))
          .catch(() => null)
      : null;
    if (next?.notice) setNote(next.notice);
    else if (next) setRequest(next);
    else setNote(t('panel_summarize_refused'));
  };
  const banner = note ? (
    <p class="popup-summarize-note" role="status">
      {note}
    </p>
  ) : null;
  return (
    <ChatApp
      surface="popup"
      request={request}
      banner={banner}
      onSummarizePage={() => void summarize()}
      summarizeLabel={label}
    />
  );
}
