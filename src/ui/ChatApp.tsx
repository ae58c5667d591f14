/**
 * The chat application shared by the toolbar popup and the sidebar page: header, the open
 * conversation (or history), the composer, and — when the sidebar was opened on a page — the
 * quoted context with quick actions.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { languageOf, translator } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import type { PageContext } from '../shared/model';
import { usingLabel, type ChosenBot } from '../shared/bots';
import type { ModelName } from '../shared/models';
import { applyQuickAction } from '../shared/prompt';
import { localizeAction } from '../shared/quick-actions';
import { DEFAULT_SETTINGS, type QuickAction, type Settings } from '../shared/settings';
import { createExtensionClient, type ChatClient } from './chat-client';
import { ClientContext } from './client-context';
import { I18nContext } from './i18n-context';
import { Composer } from './Composer';
import { ContextCard } from './ContextCard';
import type { OptionsChange } from './ConversationOptions';
import { ErrorNotice } from './ErrorNotice';
import { Header } from './Header';
import { MessageList } from './MessageList';
import { ContextQuote } from './MessageView';
import { EmptyState, type Starter } from './EmptyState';
import { lazyView } from './lazy-view';
import { matches } from './shortcuts';
import { Typing } from './Typing';
import { ForeignSiteNote, SystemPromptNote } from './ConversationNotes';
import { mark } from './trace';
import { UpdatedNotice, closeOrphanedSidebar, isInPage } from './UpdatedNotice';
import { useConversation } from './use-conversation';
import type { PendingChoice } from './page-summary/panel';
import { useSiteBots } from './use-site-bots';
import './ui.css';

export interface ChatAppProps {
  surface: 'popup' | 'sidebar';
  /** What the sidebar was opened for (page context, a filled prompt). */
  request?: SidebarRequest | null;
  onClose?: () => void;
  /** Shown under the header, inside the themed app (the side panel's tab strip). */
  banner?: ComponentChildren;
  /** Shown before the app, in its language (the popup's note from the worker). */
  above?: ComponentChildren;
  /**
   * "Summarize this page" for a page the surface can read (the side panel's front tab); the
   * empty state offers it as a starter when given. The sidebar's own page context works without.
   */
  onSummarizePage?: (() => void) | undefined;
  /** The page is a video (YouTube): that starter says "Summarize this video". */
  pageIsVideo?: boolean | undefined;
  /** The worker connection; tests pass a fake. */
  client?: ChatClient;
}

export function ChatApp(props: ChatAppProps) {
  const client = useMemo(() => props.client ?? createExtensionClient(), [props.client]);
  return (
    <ClientContext.Provider value={client}>
      <ChatShell {...props} client={client} />
    </ClientContext.Provider>
  );
}

type PanelModule = typeof import('./page-summary/panel');

// Off screen when the popup opens: own chunks, fetched in idle time after the first paint.
const HistoryView = lazyView(() => import('./HistoryView').then((m) => m.HistoryView));
const HelpPanel = lazyView(() => import('./HelpPanel').then((m) => m.HelpPanel));
const ConversationOptions = lazyView(() =>
  import('./ConversationOptions').then((m) => m.ConversationOptions),
);
const preloadViews = (): void => {
  void HistoryView.preload();
  void HelpPanel.preload();
  void ConversationOptions.preload();
};

function useSettings(client: ChatClient): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let alive = true;
    const apply = (value: Settings): void => setSettings(value);
    client.getSettings().then(
      (value) => {
        mark('settings');
        if (alive) apply(value);
      },
      () => alive && apply(DEFAULT_SETTINGS),
    );
    const off = client.onSettingsChanged(apply);
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return settings;
}

function ChatShell({
  surface,
  request,
  onClose,
  banner,
  above,
  client,
  onSummarizePage,
  pageIsVideo,
}: ChatAppProps & { client: ChatClient }) {
  const settings = useSettings(client);
  // The view's language, from its settings: every component below gets it from the context and
  // the session is given it, so no render reads a language another code path sets. Before the
  // settings arrive: the browser's.
  const i18n = translator(languageOf(settings?.language ?? 'auto'));
  const { languageName, t } = i18n;
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  const chat = useConversation(client, t);
  const [view, setView] = useState<'chat' | 'history'>('chat');
  const [draft, setDraft] = useState('');
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const [context, setContext] = useState<PageContext | null>(null);
  const [truncated, setTruncated] = useState(0);
  const [newModel, setNewModel] = useState<ModelName | null>(null);
  const [newBot, setNewBot] = useState<ChosenBot | null>(null);
  const [newPrompt, setNewPrompt] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);

  const focusComposer = () => setTimeout(() => composer.current?.focus(), 0);

  // The views behind a click (history, shortcuts, options) arrive once the chat is painted.
  useEffect(() => {
    const timer = setTimeout(preloadViews, 200);
    return () => clearTimeout(timer);
  }, []);

  const startNewChat = () => {
    acted.current = true;
    chat.open(null);
    setNewModel(null);
    setNewBot(null);
    setNewPrompt(null);
    setView('chat');
    focusComposer();
  };

  // The user sent or opened something: the start-up no longer opens the last conversation over
  // it (the composer works from the first render, before the start-up's answers arrive).
  const acted = useRef(false);

  const send = (text: string, withContext: PageContext | null = context) => {
    acted.current = true;
    const isNew = chat.conversation === null;
    chat.send(text, {
      ...(withContext ? { context: withContext } : {}),
      ...(isNew && newModel ? { model: newModel } : {}),
      ...(isNew && newBot ? { bot: newBot } : {}),
      ...(isNew && newPrompt !== null ? { systemPrompt: newPrompt } : {}),
    });
    setDraft('');
    client.saveDraft(surface, '');
    setContext(null);
    setTruncated(0);
  };

  // "Summarize this page": at once, unless the page is so long that the user should choose.
  // The controls and the part arithmetic load on first use (page-summary/panel.tsx).
  const [panel, setPanel] = useState<PanelModule | null>(null);
  const [choice, setChoice] = useState<PendingChoice | null>(null);
  const loadPanel = (): Promise<PanelModule> =>
    import('./page-summary/panel').then((module) => {
      setPanel(() => module);
      return module;
    });
  const hasJob = Boolean(chat.conversation?.pageJob);
  useEffect(() => {
    if (hasJob && !panel)
      void import('./page-summary/panel').then((module) => setPanel(() => module));
  }, [hasJob, panel]);
  const summarize = (prompt: string, page: PageContext, parts?: number) => {
    void loadPanel().then((module) => {
      const count = parts === undefined ? module.needsChoice(page.text ?? '') : null;
      if (count !== null) {
        setChoice({ prompt, context: page, count });
        return;
      }
      setChoice(null);
      chat.summarize(prompt, page, parts);
    });
  };

  // What the user types is kept until sent: the popup closes on any click outside it.
  const type = (text: string) => {
    setDraft(text);
    client.saveDraft(surface, text);
  };

  // Asked at mount, beside the settings read (issue 18): the worker's answer and the draft do
  // not wait for the settings to arrive first. A failure means no worker yet: start empty.
  const early = useMemo(
    () => ({
      latest: client
        .request('conversations/latest', {})
        .catch((): { id: string | null } => ({ id: null })),
      draft: client.loadDraft(surface).catch(() => ''),
    }),
    [client, surface],
  );

  // Open on the sidebar's request, or else on the last conversation: once the settings are in,
  // and again for each new request. The start-up reads this render's state and callbacks
  // through a ref, so a settings change or a new callback does not start up again.
  const ready = settings !== null;
  const startedOnce = useRef(false);
  const startUp = useRef<(request: SidebarRequest | null | undefined) => void>(() => undefined);
  startUp.current = (request) => {
    const first = !startedOnce.current;
    startedOnce.current = true;
    if (request && (request.context || request.prompt)) {
      chat.open(null);
      setView('chat');
      setContext(request.context ?? null);
      setTruncated(request.truncatedChars ?? 0);
      if (request.summarize && request.prompt && request.context?.text) {
        setContext(null);
        summarize(request.prompt, request.context);
      } else if (request.prompt && request.autoSend) send(request.prompt, request.context ?? null);
      else setDraft(request.prompt ?? '');
      focusComposer();
      return;
    }
    // Later requests (the sidebar reused) ask again: the answer from mount may be stale.
    const latest = first
      ? early.latest
      : client.request('conversations/latest', {}).catch(() => ({ id: null }));
    void latest.then(({ id }) => {
      mark('latest-id');
      // Under a notice (a video without captions) a new chat, not an older one's answer.
      if (id && !request?.notice && !acted.current) chat.open(id);
    });
    void (first ? early.draft : client.loadDraft(surface)).then((text) => {
      if (text) setDraft((current) => current || text);
    });
    focusComposer();
  };
  useEffect(() => {
    if (ready) startUp.current(request);
  }, [ready, request]);

  // The app root carries the theme setting; "system" lets color-scheme follow the OS (ui.css).
  const theme = settings?.theme ?? 'system';

  const conversation = chat.conversation;
  const model = conversation?.model ?? newModel ?? settings?.model ?? DEFAULT_SETTINGS.model;
  const systemPrompt = conversation?.systemPrompt ?? newPrompt ?? settings?.systemPrompt ?? '';
  const site = conversation?.site ?? settings?.defaultSite ?? DEFAULT_SETTINGS.defaultSite;
  const bot = conversation ? conversation.bot : (newBot ?? undefined);
  const siteBots = useSiteBots(client, site);
  // The header names what the site really uses where that is known, and nothing it does not.
  const using = usingLabel(siteBots.status === 'ready' ? siteBots.value : undefined, bot, model);

  const changeOptions = (change: OptionsChange) => {
    if (!conversation) {
      if (change.model) setNewModel(change.model);
      if (change.bot !== undefined) setNewBot(change.bot);
      if (change.systemPrompt !== undefined) setNewPrompt(change.systemPrompt);
      return;
    }
    client.request('conversations/update', { id: conversation.id, ...change }).then(
      (updated) => chat.setConversation(updated),
      () => undefined,
    );
  };

  // An imported conversation from a site the user has not configured is read-only until the
  // user continues it on their default site.
  const readOnly = Boolean(conversation?.foreignSite);
  const adoptConversation = () => {
    if (!conversation) return;
    client.request('conversations/adopt', { id: conversation.id }).then(
      (updated) => {
        chat.setConversation(updated);
        focusComposer();
      },
      () => undefined,
    );
  };

  const sendKey = settings?.sendKey ?? DEFAULT_SETTINGS.sendKey;
  const actions = (settings?.quickActions ?? []).map((action) =>
    localizeAction(action, i18n.language),
  );

  // Puts text in the composer with the cursor at its end, ready for the user's words.
  const fill = (text: string) => {
    type(text);
    setTimeout(() => {
      const box = composer.current;
      if (!box) return;
      box.focus();
      box.setSelectionRange(text.length, text.length);
    }, 0);
  };

  /**
   * A quick action from the "/" menu: on the quoted selection or page when there is one, or else
   * its prompt without the text placeholder, for the user to add the text it works on.
   */
  const runAction = (action: QuickAction) => {
    const text = context?.text?.trim();
    if (text) {
      fill(applyQuickAction(action.prompt, text, languageName()));
      return;
    }
    const lead = action.prompt
      .replaceAll('{{language}}', languageName())
      .replace(/\{\{selection\}\}/g, '')
      .trimEnd();
    fill(`${lead}\n\n`);
  };

  // The sidebar was opened on a whole page (not a selection): it can be summarized as is.
  const pageShown = context?.kind === 'page' && Boolean(context.text?.trim());

  const runStarter = (id: Starter['id']) => {
    switch (id) {
      case 'summarize-page':
        if (pageShown && context) send(t('ui_starter_summarize_prompt'), context);
        else onSummarizePage?.();
        return;
      case 'explain':
        fill(t('ui_starter_explain_prompt'));
        return;
      case 'email':
        fill(t('ui_starter_email_prompt'));
        return;
      case 'ideas':
        fill(t('ui_starter_ideas_prompt'));
        return;
    }
  };

  /** ↑ in an empty composer: open the last question for editing (its own Edit button). */
  const editLast = (): boolean => {
    const buttons = root.current?.querySelectorAll<HTMLButtonElement>(
      '.cg-messages .cg-user [data-action="edit"]:not(:disabled)',
    );
    const last = buttons?.[buttons.length - 1];
    if (!last) return false;
    last.click();
    return true;
  };

  // App-wide keys, on the document so they work wherever the focus is (even on the page body);
  // the sidebar's own Esc listener on window runs after this one and sees defaultPrevented.
  const keys = useRef<(event: KeyboardEvent) => void>(() => undefined);
  keys.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (matches('newChat', event)) {
      event.preventDefault();
      startNewChat();
    } else if (matches('history', event)) {
      event.preventDefault();
      setView('history');
      setTimeout(
        () => root.current?.querySelector<HTMLInputElement>('.cg-search input')?.focus(),
        0,
      );
    } else if (event.key === 'Escape') {
      if (helpOpen) {
        event.preventDefault();
        setHelpOpen(false);
      } else if (view === 'history') {
        event.preventDefault();
        setView('chat');
      } else if (chat.busy) {
        // Esc stops the answer; the sidebar closes on Esc only when nothing is being written.
        event.preventDefault();
        chat.stop();
        focusComposer();
      }
    } else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !typing(event.target)) {
      event.preventDefault();
      setHelpOpen(!helpOpen);
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const pending = chat.pending;
  // A refused send (storage full, a read-only conversation) puts the words back in the composer,
  // once per refusal, so the user never has to type them again.
  const restored = useRef<typeof pending>(null);
  useEffect(() => {
    if (!pending?.error || restored.current === pending) return;
    restored.current = pending;
    if (draft.trim() === '') {
      setDraft(pending.text);
      client.saveDraft(surface, pending.text);
    }
  }, [pending, draft, client, surface]);
  // Refused because another view's answer is being written: the words are back in the box, so
  // no bubble of a message the conversation does not have, only the reason.
  const refusedBusy =
    pending?.error?.kind === 'busy' ? (
      <div class="cg-notice" data-pending="refused">
        <ErrorNotice error={pending.error} status="error" site={site} refusal />
      </div>
    ) : null;
  const footer =
    refusedBusy ??
    (pending ? (
      <div class="cg-message cg-user" data-pending="true">
        {pending.context ? <ContextQuote context={pending.context} /> : null}
        <div class="cg-bubble">{pending.text}</div>
        {pending.error ? (
          <ErrorNotice
            error={pending.error}
            status="error"
            site={site}
            refusal
            onRetry={() => send(pending.text, pending.context ?? null)}
          />
        ) : (
          <Typing label={t('ui_sending')} />
        )}
      </div>
    ) : null);

  return (
    <I18nContext.Provider value={i18n}>
      {above}
      <div
        class={`cg-app cg-${surface}`}
        ref={root}
        data-theme={theme}
        data-font={settings?.fontSize ?? DEFAULT_SETTINGS.fontSize}
        data-density={settings?.density ?? DEFAULT_SETTINGS.density}
      >
        <Header
          view={view}
          site={site}
          model={using}
          optionsOpen={optionsOpen}
          helpOpen={helpOpen}
          onHelp={() => setHelpOpen(!helpOpen)}
          onNewChat={startNewChat}
          onHistory={() => setView(view === 'history' ? 'chat' : 'history')}
          onToggleOptions={() => setOptionsOpen(!optionsOpen)}
          onSettings={() => client.openOptionsPage()}
          onClose={onClose}
        />
        {banner}
        {helpOpen ? <HelpPanel sendKey={sendKey} onClose={() => setHelpOpen(false)} /> : null}
        {optionsOpen ? (
          <ConversationOptions
            bots={siteBots}
            bot={bot}
            model={model}
            systemPrompt={systemPrompt}
            onChange={changeOptions}
          />
        ) : null}
        <main class="cg-main">
          {view === 'history' ? (
            <HistoryView
              onOpen={(id) => {
                acted.current = true;
                chat.open(id);
                setView('chat');
                focusComposer();
              }}
              onDeleted={(id) => {
                if (conversation?.id === id) chat.open(null);
              }}
            />
          ) : (
            <>
              <SystemPromptNote text={systemPrompt} onEdit={() => setOptionsOpen(true)} />
              <MessageList
                messages={chat.messages}
                versions={chat.versions}
                busy={chat.busy || readOnly}
                site={site}
                footer={footer}
                empty={
                  chat.loading ? null : (
                    <EmptyState
                      site={site}
                      hasPage={pageShown || onSummarizePage !== undefined}
                      video={pageIsVideo}
                      sendKey={sendKey}
                      onStarter={runStarter}
                    />
                  )
                }
                onEdit={chat.edit}
                onRegenerate={chat.regenerate}
                onRetry={chat.retry}
                onContinue={chat.continueAnswer}
                onSwitchVersion={chat.switchVersion}
              />
              {chat.updated ? (
                isInPage() ? (
                  <UpdatedNotice inPage onReopen={closeOrphanedSidebar} />
                ) : (
                  <UpdatedNotice onReopen={() => globalThis.location.reload()} />
                )
              ) : null}
              {chat.notice ? (
                <div class="cg-notice">
                  <ErrorNotice error={chat.notice} status="error" site={site} refusal />
                  <button type="button" class="cg-button cg-small" onClick={chat.dismissNotice}>
                    {t('ui_dismiss')}
                  </button>
                </div>
              ) : null}
              {panel ? (
                <panel.SummaryPanel
                  choice={choice}
                  onPick={(picked, parts) => summarize(picked.prompt, picked.context, parts)}
                  conversation={chat.conversation}
                  messages={chat.messages}
                  busy={chat.busy}
                  onContinueAnswer={chat.continueAnswer}
                  onResume={chat.resumeSummary}
                />
              ) : null}
              {context ? (
                <ContextCard
                  context={context}
                  truncatedChars={truncated}
                  quickActions={settings?.quickActions ?? []}
                  onQuickAction={(prompt) => {
                    setDraft(prompt);
                    focusComposer();
                  }}
                  onRemove={() => {
                    setContext(null);
                    setTruncated(0);
                  }}
                />
              ) : null}
              {conversation?.foreignSite ? (
                <ForeignSiteNote
                  foreignSite={conversation.foreignSite}
                  defaultSite={settings?.defaultSite ?? DEFAULT_SETTINGS.defaultSite}
                  onContinue={adoptConversation}
                />
              ) : (
                <Composer
                  value={draft}
                  onInput={type}
                  onSend={() => send(draft)}
                  onStop={() => {
                    // Stop is no error: the user goes on typing.
                    chat.stop();
                    focusComposer();
                  }}
                  busy={chat.busy}
                  inputRef={composer}
                  sendKey={sendKey}
                  actions={actions}
                  onAction={runAction}
                  onEditLast={editLast}
                />
              )}
            </>
          )}
        </main>
      </div>
    </I18nContext.Provider>
  );
}

/** Whether a key press goes into a text field (then "?" is a character, not the help key). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
