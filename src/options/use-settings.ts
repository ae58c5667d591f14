/**
 * The options page's view of the settings: loaded once, followed live (another page or the
 * worker may change them), and saved through `save`, which also asks the worker to apply them
 * (menus, proxy, selection button).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../shared/rpc';
import { getSettings, onSettingsChanged, updateSettings, type Settings } from '../shared/settings';

export type SaveSettings = (patch: Partial<Settings>) => Promise<void>;

export function useSettings(): { settings: Settings | null; save: SaveSettings } {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let alive = true;
    void getSettings().then((loaded) => alive && setSettings(loaded));
    const stop = onSettingsChanged((next) => alive && setSettings(next));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  const save = useCallback<SaveSettings>(async (patch) => {
    setSettings(await updateSettings(patch));
    // The worker re-reads what it applies; a worker that is still starting picks it up anyway.
    await request('settings/applied', {}).catch(() => undefined);
  }, []);
  return { settings, save };
}
