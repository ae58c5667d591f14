/** Whether the browser says it is online, kept in step with its `online` / `offline` events. */
import { useEffect, useState } from 'preact/hooks';

export function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline);
  useEffect(() => {
    const update = (): void => setOnline(isOnline());
    globalThis.addEventListener('online', update);
    globalThis.addEventListener('offline', update);
    // The state may have changed between the first render and this effect.
    update();
    return () => {
      globalThis.removeEventListener('online', update);
      globalThis.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
