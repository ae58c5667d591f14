/** The stored shapes of conversations and messages, shared by the worker (writer) and the views. */
import type { AnswerSource, ChatErrorKind } from '../provider/types';
import type { ChosenBot } from './bots';
import type { ModelName } from './models';

export type MessageStatus = 'pending' | 'streaming' | 'done' | 'error' | 'interrupted';

/** An error as it is kept next to a message: plain data, survives cloning and export. */
export interface StoredError {
  kind: ChatErrorKind;
  message: string;
  /** The raw server text, shown under "Details". */
  detail?: string;
}

/** What the user was looking at when asking (select-to-ask, summarize page). */
export interface PageContext {
  title: string;
  url: string;
  /** The selected text, or the page's readable text for "Summarize this page". */
  text?: string;
  kind?: 'selection' | 'page';
}

export interface Conversation {
  id: string;
  title: string;
  /** The chat site URL the conversation talks to. */
  site: string;
  /**
   * Set on an imported conversation whose file named a site the user has not configured: that
   * site, for display. The conversation is read-only until the user continues it on `site`.
   */
  foreignSite?: string;
  model: ModelName;
  /**
   * The bot of `site` the user chose (sites put several on one page). Absent: the bot the model
   * name maps onto, else the site's default bot. Dropped when the conversation moves site.
   */
  bot?: ChosenBot;
  systemPrompt: string;
  /**
   * Which child is shown at each fork of the message tree: parent message id (`''` for the
   * first messages) → child id. A fork without an entry shows its newest child.
   */
  shown?: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** Why an answer came from another site than the conversation's: the answer's label says it. */
export interface FallbackNote {
  /** The site asked first (the conversation's). */
  from: string;
  /** How that site failed. */
  kind: ChatErrorKind;
  /** It failed a few minutes ago and was passed over this time without being asked. */
  remembered?: boolean;
}

/** Where a message on the shown path stands among its versions (edits or regenerated answers). */
export interface VersionInfo {
  /** 1-based. */
  index: number;
  count: number;
}

export interface StoredMessage {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant';
  text: string;
  status: MessageStatus;
  error?: StoredError;
  /** Which site gave an assistant answer (differs from the conversation's when a fallback answered). */
  site?: string;
  /** The name of the bot that gave an assistant answer, where the site has several to choose from. */
  bot?: string;
  /** Set when a fallback site answered: which site failed and how. */
  fallback?: FallbackNote;
  /** The site's non-fatal notes on the answer (G5 `event: warning`). */
  notes?: string[];
  /** The sources the answer cites (G5 `event: citations`); URLs are checked before linking. */
  sources?: AnswerSource[];
  /** Page context sent with a user message. */
  context?: PageContext;
  /**
   * The message this one follows (null: the conversation's first). Siblings are versions: an
   * edited question or a regenerated answer is a new child of the same parent.
   */
  parentId: string | null;
  /** Creation order within the conversation (siblings are ordered by it). */
  seq: number;
  createdAt: number;
  updatedAt: number;
}

/** A conversation row in the history list. */
export interface ConversationSummary extends Conversation {
  messageCount: number;
  /** A short excerpt of the matching text when listing with a search query. */
  snippet?: string;
}

/** Everything export/import carries. */
export interface ExportBundle {
  format: 'chatgptt-export';
  /** 1: linear messages; 2: messages carry parentId (a tree) and conversations `shown`. */
  version: 1 | 2;
  exportedAt: number;
  conversations: Array<Conversation & { messages: StoredMessage[] }>;
}
