/** A ChatClient double for component tests: scripted request answers, captured ports. */
import type { ChatClient } from '../../../src/ui/chat-client';
import type {
  RequestOf,
  RequestType,
  ResponseOf,
  TurnCommand,
  TurnEvent,
  WatchEvent,
} from '../../../src/shared/messages';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';

type Handler<K extends RequestType> = (
  payload: RequestOf<K>,
) => ResponseOf<K> | Promise<ResponseOf<K>>;

export interface FakeTurn {
  command: TurnCommand;
  emit(event: TurnEvent): void;
  closed: boolean;
}

export class FakeClient implements ChatClient {
  handlers: { [K in RequestType]?: Handler<K> } = {};
  requests: Array<{ type: RequestType; payload: unknown }> = [];
  turns: FakeTurn[] = [];
  watching: string[] = [];
  watchListeners: Array<(event: WatchEvent) => void> = [];
  copied: string[] = [];
  opened: string[] = [];
  optionsOpened = 0;
  downloads: Array<{ filename: string; content: string }> = [];
  settings: Settings = { ...DEFAULT_SETTINGS };
  drafts = new Map<string, string>();
  /** Set to simulate the extension updated under the page (runtime.id gone). */
  runtimeGone = false;
  watchGone: Array<() => void> = [];
  /** Set to simulate runtime.connect throwing "Extension context invalidated". */
  connectThrows = false;

  updated(): boolean {
    return this.runtimeGone;
  }

  async reachable(): Promise<boolean> {
    return !this.runtimeGone && !this.connectThrows;
  }

  private readonly startListeners = new Set<() => void>();

  onWorkerStarted(listener: () => void) {
    this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }

  /** A worker started for some other view or event (its announcement reaches this one). */
  workerStarted(): void {
    for (const listener of this.startListeners) listener();
  }

  on<K extends RequestType>(type: K, handler: Handler<K>): this {
    (this.handlers as Record<string, unknown>)[type] = handler;
    return this;
  }

  async request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    this.requests.push({ type, payload });
    const handler = this.handlers[type] as Handler<K> | undefined;
    if (!handler) throw new Error(`no fake answer for ${type}`);
    return handler(payload);
  }

  startTurn(command: TurnCommand, onEvent: (event: TurnEvent) => void) {
    const turn: FakeTurn = { command, emit: onEvent, closed: false };
    this.turns.push(turn);
    return {
      close() {
        turn.closed = true;
      },
    };
  }

  watch(onEvent: (event: WatchEvent) => void, onGone: () => void = () => undefined) {
    if (this.connectThrows) throw new Error('Extension context invalidated.');
    this.watchListeners.push(onEvent);
    this.watchGone.push(onGone);
    return {
      follow: (id: string) => {
        this.watching.push(id);
      },
      close: () => undefined,
    };
  }

  /** Sends a watch event to every watcher (events from another view). */
  broadcast(event: WatchEvent): void {
    for (const listener of this.watchListeners) listener(event);
  }

  async getSettings() {
    return this.settings;
  }

  private readonly settingsListeners = new Set<(settings: Settings) => void>();

  onSettingsChanged(listener: (settings: Settings) => void) {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /** The settings saved elsewhere (the options page): every view of this client hears it. */
  changeSettings(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    for (const listener of this.settingsListeners) listener(this.settings);
  }

  openOptionsPage() {
    this.optionsOpened += 1;
  }

  openTab(url: string) {
    this.opened.push(url);
  }

  async copyText(text: string) {
    this.copied.push(text);
  }

  download(filename: string, _mime: string, content: string) {
    this.downloads.push({ filename, content });
  }

  async loadDraft(surface: string): Promise<string> {
    return this.drafts.get(surface) ?? '';
  }

  saveDraft(surface: string, text: string): void {
    if (text) this.drafts.set(surface, text);
    else this.drafts.delete(surface);
  }
}

let seq = 0;
export function conversation(patch: Partial<Conversation> = {}): Conversation {
  const now = Date.now();
  return {
    id: patch.id ?? `c${++seq}`,
    title: 'A chat',
    site: 'https://chatgptt.me',
    model: 'gpt-4o',
    systemPrompt: '',
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}

export function message(
  patch: Partial<StoredMessage> & Pick<StoredMessage, 'role' | 'seq'>,
): StoredMessage {
  const now = Date.now();
  return {
    id: `m${++seq}`,
    conversationId: 'c',
    parentId: null,
    text: '',
    status: 'done',
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}
