/** The export written in pieces is, joined, the very text the whole-file export writes. */
import { describe, expect, it } from 'vitest';
import { toBundle, type Dump } from '../../../src/background/store/bundle';
import { bundleText } from '../../../src/background/store/bundle-text';
import type { StoredMessage } from '../../../src/shared/model';

function dumpOf(count: number): Dump {
  return Array.from({ length: count }, (_, i) => {
    const id = `c${i}`;
    const message = (n: number, text: string): StoredMessage => ({
      id: `${id}-${n}`,
      conversationId: id,
      parentId: n === 0 ? null : `${id}-${n - 1}`,
      role: n % 2 ? 'assistant' : 'user',
      text,
      status: 'done',
      seq: n,
      createdAt: 1,
      updatedAt: 2,
    });
    return {
      conversation: {
        id,
        title: `Title "${i}"\n`,
        site: 'https://example.test/',
        model: 'gpt-4o',
        systemPrompt: '',
        shown: { '': `${id}-0` },
        createdAt: 1,
        updatedAt: 2,
      },
      messages: [message(0, 'line one\nline two é 😀 \\ "q"'), message(1, '')],
    };
  });
}

describe('the export written in pieces', () => {
  for (const count of [0, 1, 3]) {
    it(`${count} conversation(s): the pieces joined are JSON.stringify's text`, () => {
      const dump = dumpOf(count);
      const pieces = [...bundleText(dump, 1234)];
      expect(pieces.join('')).toBe(JSON.stringify(toBundle(dump, 1234), null, 2));
      expect(pieces.length).toBe(count === 0 ? 1 : count + 2);
    });
  }
});
