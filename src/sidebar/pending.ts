/** The token in our URL hash, traded with the worker for what the sidebar was opened for. */
import type { SidebarRequest } from '../shared/messages';
import { request } from '../shared/rpc';

export function tokenFromHash(hash: string = location.hash): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[0-9a-f]{16,128}$/i.test(token) ? token : null;
}

/**
 * The pending request, or null when the token is missing or not ours: then this page was not
 * opened by the extension (a web page can frame a web-accessible page) and shows no chat.
 */
export async function takePending(token: string | null): Promise<SidebarRequest | null> {
  if (!token) return null;
  const { pending } = await request('sidebar/takePending', { token });
  return pending;
}
