/**
 * The chat views' only door to the worker and the browser: requests, turn ports, the watch
 * port, settings and tabs. Components get it from context (client-context.ts), so component
 * tests pass a fake and the real one stays the only place that touches extension APIs.
 */
import browser from '../shared/browser';
import {
  TURN_PORT,
  WATCH_PORT,
  WORKER_STARTED,
  type RequestOf,
  type RequestType,
  type ResponseOf,
  type TurnCommand,
  type TurnEvent,
  type WatchCommand,
  type WatchEvent,
} from '../shared/messages';
import { request } from '../shared/rpc';
import { copyText } from './copy-text';
import type { Settings } from '../shared/settings';
import { getSettings, onSettingsChanged } from '../shared/settings-storage';

/** A running turn as the view sees it; closing it only stops listening, never the turn. */
export interface TurnHandle {
  close(): void;
}

/** A watch on one conversation; `follow` switches conversations on the same port. */
export interface WatchHandle {
  follow(conversationId: string): void;
  close(): void;
}

export interface ChatClient {
  request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Starts a turn. `onGone` fires if the worker vanished before the turn finished. */
  startTurn(
    command: TurnCommand,
    onEvent: (event: TurnEvent) => void,
    onGone: () => void,
  ): TurnHandle;
  /** Follows every event of a conversation. `onGone` fires when the port dies (worker restart). */
  watch(onEvent: (event: WatchEvent) => void, onGone: () => void): WatchHandle;
  getSettings(): Promise<Settings>;
  onSettingsChanged(listener: (settings: Settings) => void): () => void;
  openOptionsPage(): void;
  openTab(url: string): void;
  copyText(text: string): Promise<void>;
  /** Offers a file to save (export). */
  download(filename: string, mime: string, content: string): void;
  /** The composer text left in `surface` (the popup closes on any click outside it). */
  loadDraft(surface: string): Promise<string>;
  /** Keeps the composer text of `surface` until it is sent; '' forgets it. */
  saveDraft(surface: string, text: string): void;
  /**
   * Whether the extension was updated or reloaded under this page: its runtime is gone (no
   * `runtime.id`), so no port or request can reach the new worker until the page is reopened.
   */
  updated(): boolean;
  /**
   * Whether the extension's APIs still answer this page, asked without waking the worker (a
   * storage read). False once the extension was unloaded, even while `runtime.id` reads set.
   */
  reachable(): Promise<boolean>;
  /** Calls `listener` each time a worker starts (for whatever reason); returns the unsubscribe. */
  onWorkerStarted(listener: () => void): () => void;
}

/** A key nobody writes: reading it only asks whether storage still answers. */
const REACHABLE_PROBE_KEY = 'probe:reachable';

/** storage.session: gone when the browser closes, never written to disk, not synced. */
const draftKey = (surface: string): string => `draft:${surface}`;

function isWorkerStarted(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === WORKER_STARTED
  );
}

/** The real client over runtime ports and messages. */
export function createExtensionClient(): ChatClient {
  return {
    request,
    startTurn(command, onEvent, onGone) {
      const port = browser.runtime.connect({ name: TURN_PORT });
      let finished = false;
      port.onMessage.addListener((message: unknown) => {
        const event = message as TurnEvent;
        if (event.type === 'finished' || event.type === 'rejected') finished = true;
        onEvent(event);
      });
      port.onDisconnect.addListener(() => {
        if (!finished) onGone();
      });
      port.postMessage(command);
      return {
        close() {
          finished = true;
          port.disconnect();
        },
      };
    },
    watch(onEvent, onGone) {
      const port = browser.runtime.connect({ name: WATCH_PORT });
      let closed = false;
      port.onMessage.addListener((message: unknown) => onEvent(message as WatchEvent));
      port.onDisconnect.addListener(() => {
        if (!closed) onGone();
      });
      return {
        follow(conversationId) {
          const command: WatchCommand = { type: 'watch', conversationId };
          port.postMessage(command);
        },
        close() {
          closed = true;
          port.disconnect();
        },
      };
    },
    getSettings,
    onSettingsChanged,
    openOptionsPage() {
      void browser.runtime.openOptionsPage();
    },
    openTab(url) {
      void browser.tabs.create({ url });
    },
    copyText,
    download(filename, mime, content) {
      const url = URL.createObjectURL(new Blob([content], { type: mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    onWorkerStarted(listener) {
      const heard = (message: unknown): undefined => {
        if (isWorkerStarted(message)) listener();
        // No answer: the worker's announcement expects none.
        return undefined;
      };
      browser.runtime.onMessage.addListener(heard);
      return () => browser.runtime.onMessage.removeListener(heard);
    },
    updated() {
      try {
        return !browser.runtime?.id;
      } catch {
        return true;
      }
    },
    async reachable() {
      try {
        // Any API call throws "Extension context invalidated" in an unloaded extension's page;
        // storage is the browser's, so the read starts no worker.
        await browser.storage.local.get(REACHABLE_PROBE_KEY);
        return true;
      } catch {
        return false;
      }
    },
    async loadDraft(surface) {
      const key = draftKey(surface);
      const items: Record<string, unknown> = await browser.storage.session
        .get(key)
        .catch(() => ({}));
      const stored = items[key];
      return typeof stored === 'string' ? stored : '';
    },
    saveDraft(surface, text) {
      const key = draftKey(surface);
      const write = text
        ? browser.storage.session.set({ [key]: text })
        : browser.storage.session.remove(key);
      // A draft is a convenience: a failed write must never disturb typing.
      void write.catch(() => undefined);
    },
  };
}
