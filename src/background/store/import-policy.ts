/**
 * What an imported conversation may keep (issue 22, item 7). A file is data from anywhere: its
 * text is kept, but it must not choose where the user's next message goes or pin itself to the
 * top of the history. So a conversation whose site is not one of the user's configured sites
 * keeps that site only as `foreignSite` (it opens read-only until the user continues it on
 * their default site), and no time in it may lie after the moment of the import.
 */
import type { Conversation, StoredMessage } from '../../shared/model';
import { sameSite } from '../../shared/site-url';
import type { Dump } from './bundle';

export interface ImportPolicy {
  /** The user's configured chat sites. */
  sites: readonly string[];
  defaultSite: string;
  /** The time of the import: the latest any imported time may be. */
  now: number;
}

function clamp(time: number, now: number): number {
  return Math.max(0, Math.min(time, now));
}

export function applyImportPolicy(dump: Dump, policy: ImportPolicy): Dump {
  return dump.map(({ conversation, messages }) => ({
    conversation: adoptConversation(conversation, policy),
    messages: messages.map((message) => clampMessage(message, policy.now)),
  }));
}

function adoptConversation(conversation: Conversation, policy: ImportPolicy): Conversation {
  const createdAt = clamp(conversation.createdAt, policy.now);
  const next: Conversation = {
    ...conversation,
    createdAt,
    updatedAt: Math.max(createdAt, clamp(conversation.updatedAt, policy.now)),
  };
  const configured = policy.sites.some((site) => sameSite(site, conversation.site));
  if (!configured) {
    next.foreignSite = conversation.foreignSite ?? conversation.site;
    next.site = policy.defaultSite;
    // Its bot id names a bot of the foreign site, not of this one.
    delete next.bot;
  }
  return next;
}

function clampMessage(message: StoredMessage, now: number): StoredMessage {
  const createdAt = clamp(message.createdAt, now);
  return {
    ...message,
    createdAt,
    updatedAt: Math.max(createdAt, clamp(message.updatedAt, now)),
  };
}
