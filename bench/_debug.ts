import { buildExtension, launch } from './lib/extension';
const h = await launch(buildExtension());
try {
  const page = await h.openPage('popup/popup.html');
  const cdp = await h.context.newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Array<{ scriptURL: string; runningStatus: string; status: string }> }) =>
    console.log(Date.now() % 100000, 'versions', JSON.stringify(e.versions.map((v) => [v.scriptURL.slice(-20), v.runningStatus, v.status]))));
  await cdp.send('ServiceWorker.enable');
  const w = await h.worker();
  w.on('close', () => console.log(Date.now() % 100000, 'playwright close'));
  h.context.on('serviceworker', (x) => console.log(Date.now() % 100000, 'new sw', x.url()));
  console.log('origin before', await w.evaluate(() => performance.timeOrigin));
  console.log(Date.now() % 100000, 'stopping');
  await cdp.send('ServiceWorker.stopAllWorkers');
  console.log(Date.now() % 100000, 'stopAllWorkers answered');
  await page.waitForTimeout(2000);
  console.log(h.context.serviceWorkers().length);
  await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'ping', payload: {} }));
  await page.waitForTimeout(1000);
  console.log(h.context.serviceWorkers().length);
  const w2 = await h.worker();
  console.log('same', w2 === w, await w2.evaluate(() => [performance.timeOrigin, performance.getEntriesByType('mark').map((m) => m.name)]).catch((e) => String(e)));
} finally {
  await h.close();
}
