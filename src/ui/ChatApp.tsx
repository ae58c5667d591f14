/**
 * The chat application shared by the toolbar popup and the sidebar page: header, the open
 * conversation (or history), the composer, and — when the sidebar was opened on a page — the
 * quoted context with quick actions.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { setLanguage, t } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import type { PageContext } from '../shared/model';
import { usingLabel, type ChosenBot } from '../shared/bots';
import type { ModelName } from '../shared/models';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { createExtensionClient, type ChatClient } from './chat-client';
import { ClientContext } from './client-context';
import { Composer } from './Composer';
import { ContextCard } from './ContextCard';
import { ConversationOptions, type OptionsChange } from './ConversationOptions';
import { ErrorNotice } from './ErrorNotice';
import { Header } from './Header';
import { HistoryView } from './HistoryView';
import { MessageList } from './MessageList';
import { ContextQuote } from './MessageView';
import { ForeignSiteNote, SystemPromptNote } from './ConversationNotes';
import { useConversation } from './use-conversation';
import { useSiteBots } from './use-site-bots';
import './ui.css';

export interface ChatAppProps {
  surface: 'popup' | 'sidebar';
  /** What the sidebar was opened for (page context, a filled prompt). */
  request?: SidebarRequest | null;
  onClose?: () => void;
  /** Shown under the header, inside the themed app (the side panel's tab strip). */
  banner?: ComponentChildren;
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

function useSettings(client: ChatClient): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let alive = true;
    client.getSettings().then(
      (value) => alive && setSettings(value),
      () => alive && setSettings(DEFAULT_SETTINGS),
    );
    const off = client.onSettingsChanged(setSettings);
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
  client,
}: ChatAppProps & { client: ChatClient }) {
  const settings = useSettings(client);
  const chat = useConversation(client);
  const [view, setView] = useState<'chat' | 'history'>('chat');
  const [draft, setDraft] = useState('');
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [context, setContext] = useState<PageContext | null>(null);
  const [truncated, setTruncated] = useState(0);
  const [newModel, setNewModel] = useState<ModelName | null>(null);
  const [newBot, setNewBot] = useState<ChosenBot | null>(null);
  const [newPrompt, setNewPrompt] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);

  // The language must be set before children render their text.
  if (settings) setLanguage(settings.language);

  const focusComposer = () => setTimeout(() => composer.current?.focus(), 0);

  const startNewChat = () => {
    chat.open(null);
    setNewModel(null);
    setNewBot(null);
    setNewPrompt(null);
    setView('chat');
    focusComposer();
  };

  const send = (text: string, withContext: PageContext | null = context) => {
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

  // What the user types is kept until sent: the popup closes on any click outside it.
  const type = (text: string) => {
    setDraft(text);
    client.saveDraft(surface, text);
  };

  // Open on the sidebar's request, or else on the last conversation.
  const started = useRef<{ request: SidebarRequest | null | undefined } | null>(null);
  useEffect(() => {
    if (!settings || (started.current && started.current.request === request)) return;
    started.current = { request };
    if (request && (request.context || request.prompt)) {
      chat.open(null);
      setView('chat');
      setContext(request.context ?? null);
      setTruncated(request.truncatedChars ?? 0);
      if (request.prompt && request.autoSend) send(request.prompt, request.context ?? null);
      else setDraft(request.prompt ?? '');
      focusComposer();
      return;
    }
    client.request('conversations/latest', {}).then(
      ({ id }) => id && chat.open(id),
      () => undefined, // no worker yet: start empty, sending will tell
    );
    void client.loadDraft(surface).then((text) => {
      if (text) setDraft((current) => current || text);
    });
    focusComposer();
  }, [settings, request]);

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

  const pending = chat.pending;
  const footer = pending ? (
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
        <p class="cg-typing">{t('ui_sending')}</p>
      )}
    </div>
  ) : null;

  return (
    <div
      class={`cg-app cg-${surface}`}
      data-theme={theme}
      onKeyDown={(event) => {
        // preventDefault: the sidebar closes on an Esc nothing else handled.
        if (event.key === 'Escape' && view === 'history') {
          event.preventDefault();
          setView('chat');
        }
      }}
    >
      <Header
        view={view}
        site={site}
        model={using}
        optionsOpen={optionsOpen}
        onNewChat={startNewChat}
        onHistory={() => setView(view === 'history' ? 'chat' : 'history')}
        onToggleOptions={() => setOptionsOpen(!optionsOpen)}
        onSettings={() => client.openOptionsPage()}
        onClose={onClose}
      />
      {banner}
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
              empty={chat.loading ? null : <p class="cg-empty">{t('ui_empty')}</p>}
              onEdit={chat.edit}
              onRegenerate={chat.regenerate}
              onRetry={chat.retry}
              onContinue={chat.continueAnswer}
              onSwitchVersion={chat.switchVersion}
            />
            {chat.notice ? (
              <div class="cg-notice">
                <ErrorNotice error={chat.notice} status="error" site={site} refusal />
                <button type="button" class="cg-button cg-small" onClick={chat.dismissNotice}>
                  {t('ui_dismiss')}
                </button>
              </div>
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
              />
            )}
          </>
        )}
      </main>
    </div>
  );
}
