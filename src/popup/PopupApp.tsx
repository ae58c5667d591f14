/**
 * The toolbar popup's chat: ChatApp plus "Summarize this page" for the tab the popup was
 * opened over. The toolbar click grants activeTab on that tab, so its text can be read without
 * any host permission; the reading code loads on first use, outside the popup's initial budget.
 */
import { useEffect, useState } from 'preact/hooks';
import { isWatchUrl } from '../shared/video-page';
import browser from '../shared/browser';
import { Say } from '../ui/i18n-context';
import { PopupNote } from './PopupNote';
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
  // The browser refused the last "Summarize this page": said in the chat's language below.
  const [refused, setRefused] = useState(false);
  // Or the tab had nothing to send (a video without captions): the reader's own words.
  const [notice, setNotice] = useState('');
  // Over a YouTube video the starter says "video" (the toolbar click's activeTab shows the URL).
  const [video, setVideo] = useState(false);
  useEffect(() => {
    void pageTab()
      .then((tab) => setVideo(isWatchUrl(tab?.url)))
      .catch(() => undefined);
  }, []);
  const summarize = async (): Promise<void> => {
    setRefused(false);
    setNotice('');
    const tab = await pageTab().catch(() => null);
    const next = tab
      ? await import('../panel/page-request')
          .then((module) => module.summarizeRequest(tab))
          .catch(() => null)
      : null;
    if (next?.notice) setNotice(next.notice);
    else if (next) setRequest(next);
    else setRefused(true);
  };
  const banner =
    refused || notice ? (
      <p class="popup-summarize-note" role="status">
        {notice || <Say k="panel_summarize_refused" />}
      </p>
    ) : null;
  return (
    <ChatApp
      surface="popup"
      request={request}
      banner={banner}
      onSummarizePage={() => void summarize()}
      above={<PopupNote />}
      pageIsVideo={video}
    />
  );
}
