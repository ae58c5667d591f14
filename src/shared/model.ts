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
  /** What a summarized page is when not a web page: its words say "video" / "PDF" (page-parts.ts). */
  source?: PageSource;
}

/** A page whose text is a video's captions or a PDF's pages (absent: an ordinary web page). */
export type PageSource = 'video' | 'pdf';

/** The job a conversation keeps while its page is summarized in parts (additive field). */
export interface PageJob {
  id: string;
  title: string;
  url: string;
  /** What the user asked for the page ("Summarize this page."). */
  prompt: string;
  /** The page text, cut into parts; parts past `count` are not summarized. */
  parts: string[];
  /** How many parts the user chose to summarize (≤ parts.length). */
  count: number;
  /** A video's transcript or a PDF: the parts' prompts name it so (absent: a web page). */
  source?: PageSource;
}

/** What a message of a page job is: one part (index 1…count) or the final summary (index 0). */
export interface PartInfo {
  job: string;
  index: number;
  count: number;
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
  /** When the user pinned it to the top of the history (absent: not pinned). */
  pinnedAt?: number;
  /** A page being summarized in parts (shared/page-parts.ts); kept for Continue and follow-ups. */
  pageJob?: PageJob;
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
  /** Set on both messages of a page-summary turn: which part (index 0: the final summary). */
  part?: PartInfo;
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
