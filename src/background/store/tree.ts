/**
 * The message tree of a conversation: each message has a parent, siblings are versions, and the
 * conversation's `shown` map picks the child shown at each fork. Pure functions over the
 * messages of one conversation (in any order).
 */
import type { Conversation, StoredMessage, VersionInfo } from '../../shared/model';

/** The key of the fork a message hangs from (`''` for the first messages). */
export function forkKey(parentId: string | null): string {
  return parentId ?? '';
}

/** Children of each fork, oldest first. */
export function childrenByFork(messages: StoredMessage[]): Map<string, StoredMessage[]> {
  const forks = new Map<string, StoredMessage[]>();
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    const key = forkKey(message.parentId);
    const list = forks.get(key);
    if (list) list.push(message);
    else forks.set(key, [message]);
  }
  return forks;
}

/** The messages shown, from the first to the active leaf. */
export function shownPath(
  messages: StoredMessage[],
  shown: Conversation['shown'] = {},
): StoredMessage[] {
  const forks = childrenByFork(messages);
  const path: StoredMessage[] = [];
  const seen = new Set<string>();
  let key = '';
  for (;;) {
    const children = forks.get(key);
    if (!children?.length) return path;
    const pick = children.find((m) => m.id === shown[key]) ?? children[children.length - 1];
    // A cycle cannot be stored (a parent is always older), but a bad record must not hang us.
    if (!pick || seen.has(pick.id)) return path;
    seen.add(pick.id);
    path.push(pick);
    key = pick.id;
  }
}

/** Version positions of the path's messages that have siblings. */
export function versionsOf(
  messages: StoredMessage[],
  path: StoredMessage[],
): Record<string, VersionInfo> {
  const forks = childrenByFork(messages);
  const out: Record<string, VersionInfo> = {};
  for (const message of path) {
    const siblings = forks.get(forkKey(message.parentId)) ?? [];
    if (siblings.length > 1)
      out[message.id] = {
        index: siblings.findIndex((m) => m.id === message.id) + 1,
        count: siblings.length,
      };
  }
  return out;
}

/** The sibling `step` places from `messageId` (-1 the older, +1 the newer), if any. */
export function siblingAt(
  messages: StoredMessage[],
  messageId: string,
  step: -1 | 1,
): StoredMessage | undefined {
  const message = messages.find((m) => m.id === messageId);
  if (!message) return undefined;
  const siblings = childrenByFork(messages).get(forkKey(message.parentId)) ?? [];
  return siblings[siblings.findIndex((m) => m.id === messageId) + step];
}

/** `shown` with `child` picked at its fork. */
export function showing(
  shown: Conversation['shown'],
  child: StoredMessage,
): Record<string, string> {
  return { ...(shown ?? {}), [forkKey(child.parentId)]: child.id };
}

/** Links a linear list (by seq) into a chain: each message's parent is the one before it. */
export function chain<T extends Omit<StoredMessage, 'parentId'>>(
  linear: T[],
): Array<T & { parentId: string | null }> {
  const sorted = [...linear].sort((a, b) => a.seq - b.seq);
  return sorted.map((message, i) => ({ ...message, parentId: sorted[i - 1]?.id ?? null }));
}

/** The messages from the first down to `target` (with it), following parents. */
export function pathTo(messages: StoredMessage[], target: StoredMessage): StoredMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const path: StoredMessage[] = [];
  const seen = new Set<string>();
  for (let at: StoredMessage | undefined = target; at && !seen.has(at.id);) {
    seen.add(at.id);
    path.unshift(at);
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return path;
}

/** Whether any message follows `id`. */
export function hasChildren(messages: StoredMessage[], id: string): boolean {
  return messages.some((m) => m.parentId === id);
}
