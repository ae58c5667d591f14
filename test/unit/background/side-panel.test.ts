/**
 * Whether the shortcut sees the side panel as open: from our own open() on, before the panel's
 * page has connected its port (the gap where a second press used to open it again instead of
 * closing it), until the open fails, we close it, Chrome says it closed, or the grace runs out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (info: { windowId?: number }) => void;
interface FakePanel {
  open: ReturnType<typeof vi.fn>;
  close: ReturnType<typeof vi.fn>;
  setOptions: ReturnType<typeof vi.fn>;
  onOpened: { addListener(l: Listener): void };
  onClosed: { addListener(l: Listener): void };
  fireOpened(windowId: number): void;
  fireClosed(windowId: number): void;
}

function fakePanel(openResult: () => Promise<void>): FakePanel {
  const opened: Listener[] = [];
  const closed: Listener[] = [];
  return {
    open: vi.fn(openResult),
    close: vi.fn(() => Promise.resolve()),
    setOptions: vi.fn(() => Promise.resolve()),
    onOpened: { addListener: (l) => opened.push(l) },
    onClosed: { addListener: (l) => closed.push(l) },
    fireOpened: (windowId) => opened.forEach((l) => l({ windowId })),
    fireClosed: (windowId) => closed.forEach((l) => l({ windowId })),
  };
}

async function load(panel: FakePanel) {
  vi.resetModules();
  (globalThis as { chrome?: unknown }).chrome = { sidePanel: panel };
  return import('../../../src/background/side-panel');
}

describe('side panel open state', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('counts as open from open() on, before its page connects, until closed', async () => {
    const panel = fakePanel(() => Promise.resolve());
    const side = await load(panel);
    expect(side.panelOpenIn(7)).toBe(false);
    void side.openPanelNow(7);
    expect(side.panelOpenIn(7)).toBe(true);
    expect(side.panelOpenIn(8)).toBe(false);
    await side.closePanelNow(7);
    expect(panel.close).toHaveBeenCalledWith({ windowId: 7 });
    expect(side.panelOpenIn(7)).toBe(false);
  });

  it('a refused open leaves nothing to close', async () => {
    const side = await load(fakePanel(() => Promise.reject(new Error('no gesture'))));
    await side.openPanelNow(7).catch(() => undefined);
    expect(side.panelOpenIn(7)).toBe(false);
  });

  it('a page that never connects stops counting after the grace', async () => {
    const side = await load(fakePanel(() => Promise.resolve()));
    await side.openPanelNow(7);
    vi.advanceTimersByTime(9_000);
    expect(side.panelOpenIn(7)).toBe(true);
    vi.advanceTimersByTime(2_000);
    expect(side.panelOpenIn(7)).toBe(false);
  });

  it("follows Chrome's own opened and closed events", async () => {
    const panel = fakePanel(() => Promise.resolve());
    const side = await load(panel);
    side.watchPanelEvents();
    panel.fireOpened(3);
    expect(side.panelOpenIn(3)).toBe(true);
    panel.fireClosed(3);
    expect(side.panelOpenIn(3)).toBe(false);
  });
});
