/** The chat UI shared by the popup and the sidebar page. */
export { ChatApp, type ChatAppProps } from './ChatApp';
export type { ChatClient } from './chat-client';
