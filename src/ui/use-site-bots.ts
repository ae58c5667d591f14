/**
 * The bots of the site a conversation talks to, as the worker read them from its page
 * (`site/bots`). Read once per site while the view is open; the worker keeps them a few minutes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SiteBots } from '../shared/bots';
import type { ChatClient } from './chat-client';

export type SiteBotsState =
  | { status: 'loading'; site: string }
  | { status: 'ready'; site: string; value: SiteBots }
  | { status: 'failed'; site: string };

export function useSiteBots(client: ChatClient, site: string): SiteBotsState {
  const [state, setState] = useState<SiteBotsState>({ status: 'loading', site });
  useEffect(() => {
    let alive = true;
    setState({ status: 'loading', site });
    client.request('site/bots', { site }).then(
      (value) => alive && setState({ status: 'ready', site, value }),
      () => alive && setState({ status: 'failed', site }),
    );
    return () => {
      alive = false;
    };
  }, [client, site]);
  // The effect resets it for a new site; until then a state of the previous site is not shown.
  return state.site === site ? state : { status: 'loading', site };
}
