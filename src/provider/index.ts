/** The chat-site client's public entry (library main). */
export * from './types';
export * from './errors';
