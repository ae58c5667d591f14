/**
 * A new conversation: which site answers, and a few starters that fill the composer (or, for
 * the page shown in the sidebar, send at once) in one click.
 */
import { FileText, Lightbulb, Mail, Sparkles } from 'lucide-preact';
import type { FunctionComponent } from 'preact';
import type { LucideProps } from 'lucide-preact';
import { useT } from './i18n-context';
import { siteName } from './error-help';
import { MOD } from './shortcuts';

export interface Starter {
  id: 'summarize-page' | 'explain' | 'email' | 'ideas';
  icon: FunctionComponent<LucideProps>;
  title: string;
}

interface Props {
  site: string;
  /** A page is shown (the sidebar's page context): "Summarize this page" can work on it. */
  hasPage: boolean;
  /** The page is a video: its starter says "Summarize this video". */
  video?: boolean | undefined;
  sendKey: 'enter' | 'ctrl-enter';
  onStarter: (id: Starter['id']) => void;
}

export function EmptyState({ site, hasPage, video, sendKey, onStarter }: Props) {
  const { t } = useT();
  const starters: Starter[] = [
    ...(hasPage
      ? [
          {
            id: 'summarize-page' as const,
            icon: FileText,
            title: t(video ? 'ui_starter_summarize_video' : 'ui_starter_summarize_page'),
          },
        ]
      : []),
    { id: 'explain', icon: Lightbulb, title: t('ui_starter_explain') },
    { id: 'email', icon: Mail, title: t('ui_starter_email') },
    { id: 'ideas', icon: Sparkles, title: t('ui_starter_ideas') },
  ];
  return (
    <div class="cg-empty-state">
      <p class="cg-empty-title">{t('ui_empty_title')}</p>
      <p class="cg-empty-site">{t('ui_empty_site', siteName(site))}</p>
      <ul class="cg-starters" aria-label={t('ui_starters')}>
        {starters.map(({ id, icon: Icon, title }) => (
          <li key={id}>
            <button type="button" class="cg-starter" onClick={() => onStarter(id)}>
              <Icon size={16} aria-hidden="true" />
              <span>{title}</span>
            </button>
          </li>
        ))}
      </ul>
      <p class="cg-empty-hint">
        {t(sendKey === 'enter' ? 'ui_empty_hint' : 'ui_empty_hint_ctrl', MOD)}
      </p>
    </div>
  );
}
