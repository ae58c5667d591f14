/**
 * The export port (export-port.ts) with a fake port and pieces of 7 characters: the pieces
 * joined are the whole-file export, no piece parts a surrogate pair, and the end counts them.
 */
import { describe, expect, it } from 'vitest';
import { serveExport } from '../../../src/background/export-port';
import { toBundle, type Dump } from '../../../src/background/store/bundle';
import type { PortLike } from '../../../src/background/ports';
import type { ExportEvent } from '../../../src/shared/export-stream';

const dump: Dump = [
  {
    conversation: {
      id: 'c1',
      title: 'emoji 😀😀😀',
      site: 'https://example.test/',
      model: 'gpt-4o',
      systemPrompt: '',
      createdAt: 1,
      updatedAt: 2,
    },
    messages: [
      {
        id: 'm1',
        conversationId: 'c1',
        parentId: null,
        role: 'user',
        text: '😀'.repeat(20),
        status: 'done',
        seq: 0,
        createdAt: 1,
        updatedAt: 2,
      },
    ],
  },
];

function fakePort(): { port: PortLike; events: ExportEvent[]; done: Promise<void> } {
  const events: ExportEvent[] = [];
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const port: PortLike = {
    name: 'export',
    postMessage(message) {
      const event = message as ExportEvent;
      events.push(event);
      if (event.type === 'end' || event.type === 'error') finished();
    },
    disconnect() {},
    onMessage: { addListener() {} },
    onDisconnect: { addListener() {} },
  };
  return { port, events, done };
}

describe('the export port', () => {
  it('sends the whole-file export in pieces of at most 7 characters, no surrogate pair parted', async () => {
    const { port, events, done } = fakePort();
    serveExport(port, {
      store: { dumpAll: async () => dump },
      now: () => 5,
      language: async () => 'en',
      pieceChars: 7,
    });
    await done;
    expect(events[0]).toEqual({
      type: 'start',
      filename: 'chatgptt-all-1970-01-01.json',
      mime: 'application/json',
    });
    const pieces = events.flatMap((e) => (e.type === 'piece' ? [e.text] : []));
    const whole = JSON.stringify(toBundle(dump, 5), null, 2);
    expect(pieces.join('')).toBe(whole);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(7);
      expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/u);
    }
    expect(events.at(-1)).toEqual({ type: 'end', conversations: 1, chars: whole.length });
  });

  it('a store that fails answers an error event, said in words', async () => {
    const { port, events, done } = fakePort();
    serveExport(port, {
      store: {
        dumpAll: async () => {
          throw new Error('disk gone');
        },
      },
      now: () => 5,
      language: async () => 'en',
    });
    await done;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { message: expect.any(String) } });
  });
});
