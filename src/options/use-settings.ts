/**
 * The options page's view of the settings: loaded once, followed live (another page or the
 * worker may change them), and changed through `update`/`save`, which also ask the worker to
 * apply them (menus, proxy, selection button).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../shared/rpc';
import type { Settings } from '../shared/settings';
import { getSettings, onSettingsChanged, updateSettings } from '../shared/settings-storage';

export type SaveSettings = (patch: Partial<Settings>) => Promise<void>;
/** Changes computed from the settings as stored at that moment, so quick clicks never undo each other. */
export type UpdateSettings = (change: (current: Settings) => Partial<Settings>) => Promise<void>;

export function useSettings(): {
  settings: Settings | null;
  save: SaveSettings;
  update: UpdateSettings;
} {
  const [settings, setSettings] = useState<Settings | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    let alive = true;
    void getSettings().then((loaded) => alive && setSettings(loaded));
    const stop = onSettingsChanged((next) => alive && setSettings(next));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  const update = useCallback<UpdateSettings>((change) => {
    // One change at a time, each from the stored state: a second click before the page has
    // re-rendered still acts on the result of the first.
    const run = queue.current.then(async () => {
      setSettings(await updateSettings(change(await getSettings())));
      // The worker re-reads what it applies; a worker that is still starting picks it up anyway.
      await request('settings/applied', {}).catch(() => undefined);
    });
    queue.current = run.catch(() => undefined);
    return run;
  }, []);
  const save = useCallback<SaveSettings>((patch) => update(() => patch), [update]);
  return { settings, save, update };
}
