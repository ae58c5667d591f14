import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createConnectHandler, type PortLike } from '../../../src/background/ports';
import type { SenderInfo } from '../../../src/background/router/trust';
import { ConversationStore } from '../../../src/background/store/store';
import { TurnRunner } from '../../../src/background/turns/runner';
import { WatchHub } from '../../../src/background/turns/watch-hub';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const ID = 'extid';
const ORIGIN = 'chrome-extension://extid/';
const POPUP: SenderInfo = { id: ID, url: `${ORIGIN}popup/popup.html` };
const CONTENT: SenderInfo = { id: ID, url: 'https://x.example/', frameId: 0, tab: { id: 2 } };

class FakePort implements PortLike {
  received: unknown[] = [];
  disconnected = false;
  private messageListeners: Array<(m: unknown) => void> = [];
  private disconnectListeners: Array<() => void> = [];
  constructor(
    readonly name: string,
    readonly sender: SenderInfo,
  ) {}
  postMessage(message: unknown) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.received.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  onMessage = { addListener: (l: (m: unknown) => void) => this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.disconnectListeners.push(l) };
  /** The view posts a message. */
  send(message: unknown) {
    for (const l of this.messageListeners) l(message);
  }
  /** The view goes away. */
  close() {
    this.disconnected = true;
    for (const l of this.disconnectListeners) l();
  }
}

function setup(slowPieces: string[]) {
  const store = new ConversationStore({ factory: new IDBFactory() });
  const hub = new WatchHub();
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const runner = new TurnRunner({
    store,
    hub,
    chat: async function* () {
      yield slowPieces[0] ?? '';
      await gate;
      for (const piece of slowPieces.slice(1)) yield piece;
    },
    getSettings: async () => DEFAULT_SETTINGS,
    hasSitePermission: async () => true,
    chatOptions: async () => ({}),
  });
  const connect = createConnectHandler({ runner, hub, extensionId: ID, origin: ORIGIN });
  return { store, hub, connect, release };
}

function eventTypes(port: FakePort): string[] {
  return port.received.map((m) => (m as { type: string }).type);
}

describe('turn and watch ports', () => {
  it('a closed turn port does not stop the answer; a watcher sees it finish', async () => {
    const { store, hub, connect, release } = setup(['Hel', 'lo']);
    const turn = new FakePort('turn', POPUP);
    connect(turn);
    turn.send({ type: 'send', conversationId: null, text: 'hi' });
    await vi.waitFor(() => expect(eventTypes(turn)).toContain('delta'));
    const accepted = turn.received[0] as { conversation: { id: string } };
    const id = accepted.conversation.id;

    const watcher = new FakePort('watch', POPUP);
    connect(watcher);
    watcher.send({ type: 'watch', conversationId: id });
    expect(hub.count(id)).toBe(1);
    turn.close();
    release();
    await vi.waitFor(() => expect(eventTypes(watcher)).toEqual(['delta', 'finished']));
    expect(watcher.received[0]).toMatchObject({ offset: 3, text: 'lo' });
    expect((await store.getMessages(id))[1]).toMatchObject({ text: 'Hello', status: 'done' });
    watcher.close();
    expect(hub.count(id)).toBe(0);
  });

  it('refuses malformed commands, unknown ports and content scripts', async () => {
    const { connect } = setup(['x']);
    const turn = new FakePort('turn', POPUP);
    connect(turn);
    turn.send({ type: 'send', conversationId: null });
    expect(turn.received).toEqual([
      { type: 'rejected', error: { kind: 'protocol', message: 'Malformed turn command.' } },
    ]);
    const unknown = new FakePort('shell', POPUP);
    connect(unknown);
    expect(unknown.disconnected).toBe(true);
    const fromPage = new FakePort('turn', CONTENT);
    connect(fromPage);
    expect(fromPage.disconnected).toBe(true);
  });
});
