/**
 * Keeps storage.local to the extension's own pages and this worker (issue 22.8 / 23.4): settings,
 * the client id and the cached chat tokens live there, and a content script's world should not
 * be able to read them or, say, set a proxy for hosts of its choosing. Chromium has
 * `storage.local.setAccessLevel` (kept in the extension's prefs, set again at every start);
 * Firefox has none for storage.local (bug 1724754), so there content scripts still could.
 * Content scripts get the settings they need through worker messages instead.
 */
interface AccessLevelArea {
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void>;
}

export async function restrictStorage(): Promise<'restricted' | 'unsupported'> {
  const api = globalThis as { chrome?: { storage?: { local?: AccessLevelArea } } };
  const local = api.chrome?.storage?.local;
  if (typeof local?.setAccessLevel !== 'function') return 'unsupported';
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return 'restricted';
  } catch {
    // Firefox lists the method for storage.session only and refuses it here.
    return 'unsupported';
  }
}
