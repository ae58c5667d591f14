/** The worker's side of the sidebar (src/background/sidebar.ts) against a fake browser API. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Tabs } from '../../../src/shared/browser';
import * as sidebar from '../../../src/background/sidebar';
import { fakeBrowser as fake, resetFakeBrowser } from '../browser-module';

const tab: Tabs.Tab = {
  id: 7,
  index: 0,
  url: 'https://example.com/post',
  title: 'A post',
  highlighted: false,
  active: true,
  pinned: false,
  incognito: false,
};

describe('where the sidebar can go', () => {
  it('refuses browser pages, stores, PDFs and page sources, and tries the rest', () => {
    for (const url of [
      'chrome://extensions/',
      'about:blank',
      'view-source:https://example.com/',
      'chrome-extension://abc/popup.html',
      'moz-extension://abc/popup.html',
      'https://chromewebstore.google.com/detail/x',
      'https://chrome.google.com/webstore/detail/x',
      'https://addons.mozilla.org/en-US/firefox/',
      'https://example.com/paper.PDF',
      'edge://settings',
    ])
      expect(sidebar.canInject(url), url).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/a.html',
      'file:///tmp/a.html',
      undefined,
    ])
      expect(sidebar.canInject(url), String(url)).toBe(true);
  });
});

describe('budgeting a request', () => {
  const text = 'word '.repeat(100).trim(); // 499 characters

  it('leaves a short context alone', () => {
    const request = {
      context: { title: 't', url: 'u', text, kind: 'selection' as const },
      autoSend: true,
    };
    expect(sidebar.budgetRequest(request, 1000)).toBe(request);
  });

  it('cuts a long context, counts the cut, fixes the prompt and stops it sending by itself', () => {
    const request = {
      context: { title: 't', url: 'u', text, kind: 'selection' as const },
      prompt: `Explain this:\n\n${text}`,
      autoSend: true,
    };
    const budgeted = sidebar.budgetRequest(request, 100);
    expect(budgeted.context?.text?.length).toBeLessThanOrEqual(100);
    expect(budgeted.truncatedChars).toBe(text.length - (budgeted.context?.text?.length ?? 0));
    expect(budgeted.prompt).toBe(`Explain this:\n\n${budgeted.context?.text}`);
    expect(budgeted.autoSend).toBe(false);
  });

  it('counts what a caller already cut and still waits for the user', () => {
    const request = {
      context: { title: 't', url: 'u', text: 'short', kind: 'selection' as const },
      autoSend: true,
      truncatedChars: 40,
    };
    expect(sidebar.budgetRequest(request, 1000)).toMatchObject({
      truncatedChars: 40,
      autoSend: false,
    });
  });
});

describe('opening, taking and closing', () => {
  beforeEach(() => {
    resetFakeBrowser();
  });

  it('injects the host, tells it to show with a fresh token, and hands the request over once', async () => {
    const request = {
      context: {
        title: 'A post',
        url: 'https://example.com/post',
        text: 'quoted',
        kind: 'selection' as const,
      },
    };
    await sidebar.openSidebar(tab, request);
    expect(fake.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 7, frameIds: [0] },
      files: ['content/sidebar-host.js'],
    });
    const [tabId, command] = fake.tabs.sendMessage.mock.calls[0] ?? [];
    expect(tabId).toBe(7);
    const { type, token } = command as { type: string; token: string };
    expect(type).toBe('sidebar/show');
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    expect(await sidebar.takePending(7, 'f'.repeat(32))).toBeNull();
    expect(await sidebar.takePending(8, token)).toBeNull();
    expect(await sidebar.takePending(7, token)).toEqual(request);
    // Still ours (an empty request), but the quick action is not handed out twice.
    expect(await sidebar.takePending(7, token)).toEqual({});

    await sidebar.sidebarClosed(7);
    expect(await sidebar.takePending(7, token)).toBeNull();
    // Closing is also how the sidebar page's fallback asks the worker to close its host.
    expect(fake.tabs.sendMessage).toHaveBeenLastCalledWith(
      7,
      { type: 'sidebar/close' },
      { frameId: 0 },
    );
  });

  it('gives every opening a new token', async () => {
    await sidebar.openSidebar(tab, {});
    await sidebar.openSidebar(tab, {});
    const tokens = fake.tabs.sendMessage.mock.calls.map(
      (call) => (call[1] as { token: string }).token,
    );
    expect(new Set(tokens).size).toBe(2);
  });

  it('toggles with the page selection and forgets the request when the toggle closed it', async () => {
    fake.scripting.executeScript.mockImplementation(async (options: unknown) =>
      (options as { func?: unknown }).func ? [{ result: 'the selected words' }] : [{}],
    );
    await sidebar.toggleSidebar(tab);
    const command = fake.tabs.sendMessage.mock.calls[0]?.[1] as { type: string; token: string };
    expect(command.type).toBe('sidebar/toggle');
    const stored = fake.session.get('sidebar:7') as { request: { context?: { text?: string } } };
    expect(stored.request.context?.text).toBe('the selected words');

    fake.tabs.sendMessage.mockResolvedValueOnce({ open: false });
    await sidebar.toggleSidebar(tab);
    expect(fake.session.has('sidebar:7')).toBe(false);
  });

  it('opens the popup with a note where nothing can be injected', async () => {
    await sidebar.toggleSidebar({ ...tab, url: 'chrome://settings/' });
    expect(fake.scripting.executeScript).not.toHaveBeenCalled();
    expect(fake.action.openPopup).toHaveBeenCalled();
    expect(fake.session.get('popupNote')).toMatchObject({
      message: expect.any(String),
      at: expect.any(Number),
    });
  });

  it('falls back to the popup when the injection itself fails (a PDF viewer, a policy)', async () => {
    fake.scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of the page'));
    await sidebar.openSidebar(tab, {});
    expect(fake.action.openPopup).toHaveBeenCalled();
    expect(fake.session.has('sidebar:7')).toBe(false);
  });

  it('summarizes the readable page text with the summarize prompt, sent at once when it fits', async () => {
    fake.scripting.executeScript.mockImplementation(async (options: unknown) =>
      (options as { func?: unknown }).func
        ? [{ result: { title: 'Lighthouses', text: 'The lens story.' } }]
        : [{}],
    );
    await sidebar.summarizePage(tab);
    const stored = fake.session.get('sidebar:7') as { request: Record<string, unknown> };
    expect(stored.request).toMatchObject({
      context: { kind: 'page', text: 'The lens story.', title: 'Lighthouses', url: tab.url },
      prompt: 'Summarize this page.',
      autoSend: true,
    });
    expect(fake.scripting.executeScript).toHaveBeenCalledWith(
      expect.objectContaining({ files: ['/content/readable-page.js'] }),
    );
  });

  const reads = (result: unknown): void =>
    void fake.scripting.executeScript.mockImplementation(async (options: unknown) =>
      (options as { func?: unknown }).func ? [{ result }] : [{}],
    );

  it("a video's transcript is asked about as a video, the UI language passed to the reader", async () => {
    reads({ title: 'The talk', text: '[12:34] The last keeper.', video: 'transcript' });
    await sidebar.summarizePage(tab);
    const stored = fake.session.get('sidebar:7') as { request: Record<string, unknown> };
    expect(stored.request).toMatchObject({
      context: { kind: 'page', text: '[12:34] The last keeper.', title: 'The talk' },
      prompt: 'Summarize this video.',
      summarize: true,
    });
    expect(fake.scripting.executeScript).toHaveBeenCalledWith(
      expect.objectContaining({ args: [[expect.stringMatching(/^(en|ru)$/)]] }),
    );
  });

  it('a video without captions opens the sidebar with a notice and nothing to send', async () => {
    reads({ title: 'Waves', text: '', video: 'no-captions' });
    await sidebar.summarizePage(tab);
    const stored = fake.session.get('sidebar:7') as { request: Record<string, unknown> };
    expect(stored.request).toEqual({ notice: expect.stringContaining('no captions') });
    reads({ title: 'Waves', text: '', video: 'captions-failed' });
    await sidebar.summarizePage(tab);
    const failed = fake.session.get('sidebar:7') as { request: Record<string, unknown> };
    expect(failed.request).toEqual({ notice: expect.stringContaining('could not read') });
  });

  it("ignores a video field it does not know (the reader's answer crosses from the tab)", async () => {
    reads({ title: 'Page', text: 'Words.', video: 'no-captions!' });
    await sidebar.summarizePage(tab);
    const stored = fake.session.get('sidebar:7') as { request: Record<string, unknown> };
    expect(stored.request).toMatchObject({ prompt: 'Summarize this page.', summarize: true });
  });
});
