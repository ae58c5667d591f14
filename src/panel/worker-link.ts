/**
 * Tells the worker this window's panel is open (a `panel` port, see background/side-panel.ts),
 * so the shortcut can close it synchronously. The port drops when the worker stops; the page
 * connects again at once, which also starts the worker with its settings read.
 */
import browser from '../shared/browser';

export function linkToWorker(windowId: number): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = (): void => {
    if (stopped) return;
    port = browser.runtime.connect({ name: 'panel' });
    port.postMessage({ windowId });
    port.onMessage.addListener((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'close') window.close();
    });
    port.onDisconnect.addListener(() => setTimeout(connect, 200));
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
