/**
 * The toolbar popup's chat: ChatApp plus "Summarize this page" for the tab the popup was
 * opened over. The toolbar click grants activeTab on that tab, so its text can be read without
 * any host permission; the reading code loads on first use, outside the popup's initial budget.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { isWatchUrl } from '../shared/watch-url';
import { Say } from '../ui/i18n-context';
import { PopupNote } from './PopupNote';
import type { SidebarRequest } from '../shared/messages';
import { ChatApp } from '../ui';

/** The tab in front of the popup's window, when it is a web page (not the popup itself). */
interface PageTab {
  id: number;
  title?: string;
  url?: string;
}

async function pageTab(): Promise<PageTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  if (tab.url && !/^(https?|file):/.test(tab.url)) return null;
  return {
    id: tab.id,
    ...(tab.title ? { title: tab.title } : {}),
    ...(tab.url ? { url: tab.url } : {}),
  };
}

const reader = () => import('../panel/page-request');
type Reader = typeof import('../panel/page-request');
/**
 * The tab and the reading code, fetched after the first paint: the click then starts reading
 * without an await, so on a PDF the prompt for the site's access still has the click's gesture.
 */
let ready: [PageTab | null, Reader] | undefined;

export function PopupApp() {
  const [request, setRequest] = useState<SidebarRequest | null>(null);
  // Why the last "Summarize this page" sent nothing, or how far reading a PDF has got: the
  // reader's words (in the chat's language), or the browser's refusal said below.
  const [note, setNote] = useState('');
  const [refused, setRefused] = useState(false);
  // Over a YouTube video the starter says "video" (the toolbar click's activeTab shows the URL).
  const [video, setVideo] = useState(false);
  useEffect(() => {
    // A failure here is met again, and reported, by the click.
    void Promise.all([pageTab(), reader()]).then((both) => {
      ready = both;
      setVideo(isWatchUrl(both[0]?.url));
    }, Boolean);
  }, []);
  const summarize = async (): Promise<void> => {
    setNote('');
    setRefused(false);
    const loaded = ready ?? (await Promise.all([pageTab(), reader()]).catch(() => undefined));
    const next = loaded?.[0]
      ? await loaded[1].summarizeRequest(loaded[0], { onStatus: setNote }).catch(() => null)
      : null;
    if (next?.ok) {
      setNote('');
      setRequest(next.request);
    } else if (next) setNote(next.message);
    else {
      setNote('');
      setRefused(true);
    }
  };
  const banner =
    note || refused ? (
      <p class="popup-summarize-note" role="status">
        {note || <Say k="panel_summarize_refused" />}
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
