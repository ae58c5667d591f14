/**
 * The grouping of the pages' shared code (scripts/page-chunks.ts): which chunk a module goes
 * to by the pages that load it, and the static graph that decides it (dynamic imports stay
 * out: they are what the pages load later).
 */
import { describe, expect, it } from 'vitest';
import { sharedChunkOf, staticGraph } from '../../../scripts/page-chunks';

const CHAT = ['popup', 'sidebar', 'panel'];

describe('page chunks', () => {
  it('puts what only chat pages share in chat, what other pages also load in core', () => {
    expect(sharedChunkOf(['popup', 'sidebar'], CHAT)).toBe('chat');
    expect(sharedChunkOf(['popup', 'sidebar', 'panel'], CHAT)).toBe('chat');
    expect(sharedChunkOf(['popup', 'options'], CHAT)).toBe('core');
    expect(sharedChunkOf(['popup', 'sidebar', 'options', 'onboarding'], CHAT)).toBe('core');
  });

  it("leaves a page's own modules, and what only the other pages share, to Rolldown", () => {
    expect(sharedChunkOf(['popup'], CHAT)).toBeNull();
    expect(sharedChunkOf(['options'], CHAT)).toBeNull();
    expect(sharedChunkOf(['options', 'onboarding'], CHAT)).toBeNull();
    expect(sharedChunkOf([], CHAT)).toBeNull();
  });

  it('follows static imports only, through cycles', () => {
    const graph: Record<string, { importedIds: string[]; dynamicallyImportedIds: string[] }> = {
      page: { importedIds: ['a', 'b'], dynamicallyImportedIds: ['lazy'] },
      a: { importedIds: ['b'], dynamicallyImportedIds: [] },
      b: { importedIds: ['a', 'c'], dynamicallyImportedIds: [] },
      c: { importedIds: [], dynamicallyImportedIds: [] },
      lazy: { importedIds: ['d'], dynamicallyImportedIds: [] },
      d: { importedIds: [], dynamicallyImportedIds: [] },
    };
    const info = (id: string) => graph[id] ?? null;
    expect([...staticGraph('page', info)].sort()).toEqual(['a', 'b', 'c', 'page']);
  });
});
