/**
 * "Summarize this page" from an extension page (the side panel, the toolbar popup): reads the
 * tab's readable text through `scripting` — allowed where the extension has access to that tab,
 * e.g. the activeTab grant of the toolbar click that opened the popup — and makes the request
 * that ChatApp sends at once. Null when the browser refuses the tab or it has no text; a request
 * with only a `notice` for a video without captions.
 */
import { budgetRequest, extractReadable } from '../background/sidebar';
import { summarizePrompt, videoNotice } from '../shared/video-page';
import { languageOf } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import { getSettings } from '../shared/settings-storage';

export interface PageTab {
  id: number;
  title?: string | undefined;
  url?: string | undefined;
}

export async function summarizeRequest(tab: PageTab): Promise<SidebarRequest | null> {
  const settings = await getSettings();
  const language = languageOf(settings.language);
  const page = await extractReadable(tab.id, [language]).catch(() => null);
  // A video with no captions to read: only a notice (`notice`), nothing to send.
  const notice = videoNotice(language, page?.video);
  if (notice) return { notice };
  if (!page || !page.text.trim()) return null;
  return budgetRequest(
    {
      context: {
        title: page.title || tab.title || '',
        url: tab.url ?? '',
        text: page.text,
        kind: 'page',
      },
      prompt: summarizePrompt(language, page.video),
      autoSend: true,
      summarize: true,
    },
    settings.contextBudget,
  );
}
