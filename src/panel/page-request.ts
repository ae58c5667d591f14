/**
 * "Summarize this page" from an extension page (the side panel, the toolbar popup): reads the
 * tab's readable text through `scripting` — allowed where the extension has access to that tab,
 * e.g. the activeTab grant of the toolbar click that opened the popup — and makes the request
 * that ChatApp sends at once. Null when the browser refuses the tab or it has no text.
 */
import { budgetRequest, extractReadable } from '../background/sidebar';
import { languageOf, tIn } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import { getSettings } from '../shared/settings-storage';

export interface PageTab {
  id: number;
  title?: string | undefined;
  url?: string | undefined;
}

export async function summarizeRequest(tab: PageTab): Promise<SidebarRequest | null> {
  const page = await extractReadable(tab.id).catch(() => null);
  if (!page || !page.text.trim()) return null;
  const settings = await getSettings();
  return budgetRequest(
    {
      context: {
        title: page.title || tab.title || '',
        url: tab.url ?? '',
        text: page.text,
        kind: 'page',
      },
      prompt: tIn(languageOf(settings.language), 'sidebar_summarize_prompt'),
      autoSend: true,
      summarize: true,
    },
    settings.contextBudget,
  );
}
