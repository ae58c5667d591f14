/**
 * Who is watching which conversation: the popup and every sidebar that shows a conversation
 * hold a `watch` port, and every event of that conversation is posted to each of them, so all
 * views show the same live answer. Only open ports are held: a closed view drops out.
 */
import type { WatchEvent } from '../../shared/messages';

export type Post = (event: WatchEvent) => void;

export class WatchHub {
  private readonly watchers = new Map<string, Set<Post>>();

  /** Posts the events of `conversationId` to `post` until the returned function is called. */
  add(conversationId: string, post: Post): () => void {
    let set = this.watchers.get(conversationId);
    if (!set) this.watchers.set(conversationId, (set = new Set()));
    set.add(post);
    return () => {
      set.delete(post);
      if (set.size === 0 && this.watchers.get(conversationId) === set)
        this.watchers.delete(conversationId);
    };
  }

  publish(conversationId: string, event: WatchEvent): void {
    for (const post of [...(this.watchers.get(conversationId) ?? [])]) {
      try {
        post(event);
      } catch {
        // The port closed between the check and the post: its disconnect handler removes it.
      }
    }
  }

  count(conversationId: string): number {
    return this.watchers.get(conversationId)?.size ?? 0;
  }
}
