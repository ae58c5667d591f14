/** The original provider's prompt helper (g4f `format_prompt`). */
import type { ChatMessage } from './types';

const ROLE_NAMES: Record<ChatMessage['role'], string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};

/**
 * No or one message → its content; otherwise `Role: content` lines joined by newlines, then
 * `\nAssistant:` so the model answers as the assistant.
 */
export function formatPrompt(messages: ChatMessage[]): string {
  if (messages.length <= 1) return messages[0]?.content ?? '';
  const lines = messages.map((m) => `${ROLE_NAMES[m.role]}: ${m.content}`);
  return `${lines.join('\n')}\nAssistant:`;
}
