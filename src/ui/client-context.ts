/** Hands the ChatClient to every component; tests provide a fake one. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ChatClient } from './chat-client';

export const ClientContext = createContext<ChatClient | null>(null);

export function useClient(): ChatClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('ChatClient missing: render inside <ClientContext.Provider>.');
  return client;
}
