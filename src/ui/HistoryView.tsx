/**
 * Past conversations grouped by day: search across titles and text (matches highlighted),
 * open one to continue it, rename, export as Markdown, delete with Undo.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Translator } from '../shared/i18n';
import { useT } from './i18n-context';
import type { Conversation, ConversationSummary, StoredMessage } from '../shared/model';
import { RequestError } from '../shared/rpc';
import { Check, Download, Pencil, Pin, PinOff, Trash, X } from 'lucide-preact';
import { useClient } from './client-context';
import { IconButton } from './IconButton';
import { RowMenu, type MenuItem } from './RowMenu';
import { groupByDay, relativeDay, splitMatches } from './history-groups';

const PAGE = 50;

interface Props {
  onOpen: (id: string) => void;
  /** The conversation that was deleted, if it is the one the chat view shows. */
  onDeleted?: (id: string) => void;
}

interface Deleted {
  conversation: Conversation;
  messages: StoredMessage[];
}

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {splitMatches(text, query).map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}
    </>
  );
}

function dayLabel({ t, language }: Translator, day: number): string {
  const relative = relativeDay(day, Date.now());
  if (relative === 'today') return t('ui_today');
  if (relative === 'yesterday') return t('ui_yesterday');
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(day);
}

function Row({
  item,
  query,
  onOpen,
  onRename,
  onDelete,
  onExport,
  onPin,
}: {
  item: ConversationSummary;
  query: string;
  onOpen: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
  onExport: () => void;
  onPin: (pinned: boolean) => void;
}) {
  const { t } = useT();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(item.title);
  const title_ = item.title || t('ui_untitled');
  const pinned = typeof item.pinnedAt === 'number';
  if (renaming) {
    const save = () => {
      setRenaming(false);
      if (title.trim() && title !== item.title) onRename(title.trim());
    };
    // Inline: the title turns into a field; Enter or leaving it saves, Esc cancels.
    return (
      <li class="cg-history-row cg-renaming">
        <input
          class="cg-rename"
          aria-label={t('ui_rename_label')}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save();
            else if (event.key === 'Escape') {
              event.preventDefault(); // handled: the sidebar must not close too
              setRenaming(false);
            }
          }}
          ref={(el) => {
            if (el && !el.dataset.focused) {
              el.dataset.focused = '1';
              el.focus();
              el.select();
            }
          }}
        />
        <IconButton icon={Check} label={t('ui_save')} class="cg-small cg-primary" onClick={save} />
        <IconButton
          icon={X}
          label={t('ui_cancel')}
          class="cg-small cg-ghost"
          onClick={() => setRenaming(false)}
        />
      </li>
    );
  }
  const items: MenuItem[] = [
    {
      id: 'pin',
      label: t(pinned ? 'ui_unpin' : 'ui_pin'),
      icon: pinned ? PinOff : Pin,
      onSelect: () => onPin(!pinned),
    },
    {
      id: 'rename',
      label: t('ui_rename'),
      icon: Pencil,
      onSelect: () => {
        setTitle(item.title);
        setRenaming(true);
      },
    },
    { id: 'export', label: t('ui_export'), icon: Download, onSelect: onExport },
    { id: 'delete', label: t('ui_delete'), icon: Trash, onSelect: onDelete, danger: true },
  ];
  return (
    <li class={`cg-history-row${pinned ? ' cg-pinned' : ''}`}>
      <button type="button" class="cg-history-open" onClick={onOpen}>
        <span class="cg-history-title">
          {pinned ? (
            <Pin size={13} class="cg-pin-mark" aria-label={t('ui_pinned')} role="img" />
          ) : null}
          <Highlighted text={title_} query={query} />
        </span>
        {item.snippet ? (
          <span class="cg-history-snippet">
            <Highlighted text={item.snippet} query={query} />
          </span>
        ) : null}
      </button>
      <RowMenu title={title_} items={items} />
    </li>
  );
}

export function HistoryView({ onOpen, onDeleted }: Props) {
  const i18n = useT();
  const { t } = i18n;
  const client = useClient();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const searchSeq = useRef(0);

  const load = useCallback(
    async (q: string, offset: number) => {
      const seq = ++searchSeq.current;
      setLoading(true);
      try {
        const page = await client.request('conversations/list', {
          offset,
          limit: PAGE,
          ...(q.trim() ? { query: q.trim() } : {}),
        });
        if (seq !== searchSeq.current) return;
        setItems((prev) => (offset === 0 ? page.items : [...prev, ...page.items]));
        setTotal(page.total);
        setError(null);
      } catch (e) {
        if (seq === searchSeq.current)
          setError(e instanceof RequestError ? e.error.message : String(e));
      } finally {
        if (seq === searchSeq.current) setLoading(false);
      }
    },
    [client],
  );

  // Search as the user types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => void load(query, 0), query ? 200 : 0);
    return () => clearTimeout(timer);
  }, [query, load]);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (e) {
      setError(e instanceof RequestError ? e.error.message : String(e));
    }
  };

  const rename = (id: string, title: string) =>
    act(async () => {
      const updated = await client.request('conversations/update', { id, title });
      setItems((list) =>
        list.map((item) => (item.id === id ? { ...item, title: updated.title } : item)),
      );
    });

  // Pinned rows come first (the store orders them); reloading the page keeps the new order.
  const pin = (id: string, pinned: boolean) =>
    act(async () => {
      await client.request('conversations/update', { id, pinned });
      await load(query, 0);
    });

  const remove = (id: string) =>
    act(async () => {
      const removed = await client.request('conversations/delete', { id });
      setDeleted(removed);
      setItems((list) => list.filter((item) => item.id !== id));
      setTotal((n) => Math.max(0, n - 1));
      onDeleted?.(id);
    });

  const undo = () =>
    act(async () => {
      if (!deleted) return;
      await client.request('conversations/restore', deleted);
      setDeleted(null);
      await load(query, 0);
    });

  const exportOne = (id: string) =>
    act(async () => {
      const file = await client.request('conversations/export', { id, format: 'markdown' });
      client.download(file.filename, file.mime, file.content);
    });

  const pinnedItems = items.filter((item) => typeof item.pinnedAt === 'number');
  const groups = [
    ...(pinnedItems.length > 0
      ? [{ key: 'pinned', label: t('ui_pinned'), items: pinnedItems }]
      : []),
    ...groupByDay(items.filter((item) => typeof item.pinnedAt !== 'number')).map((group) => ({
      key: String(group.day),
      label: dayLabel(i18n, group.day),
      items: group.items,
    })),
  ];
  return (
    <section class="cg-history" aria-label={t('ui_history')}>
      <div class="cg-search">
        <input
          type="search"
          aria-label={t('ui_search')}
          placeholder={t('ui_search_placeholder')}
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
          ref={(el) => {
            if (el && !el.dataset.focused) {
              el.dataset.focused = '1';
              el.focus();
            }
          }}
        />
      </div>
      {deleted ? (
        <div class="cg-toast" role="status">
          <span>{t('ui_deleted', deleted.conversation.title || t('ui_untitled'))}</span>
          <button type="button" class="cg-button cg-small" onClick={() => void undo()}>
            {t('ui_undo')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p class="cg-error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div class="cg-history-list">
        {groups.map((group) => (
          <div class="cg-history-group" key={group.key}>
            <h2 class="cg-day">{group.label}</h2>
            <ul>
              {group.items.map((item) => (
                <Row
                  key={item.id}
                  item={item}
                  query={query}
                  onOpen={() => onOpen(item.id)}
                  onRename={(title) => void rename(item.id, title)}
                  onDelete={() => void remove(item.id)}
                  onExport={() => void exportOne(item.id)}
                  onPin={(pinned) => void pin(item.id, pinned)}
                />
              ))}
            </ul>
          </div>
        ))}
        {!loading && items.length === 0 ? (
          <p class="cg-empty">{query ? t('ui_no_matches') : t('ui_no_history')}</p>
        ) : null}
        {items.length < total ? (
          <button
            type="button"
            class="cg-button"
            disabled={loading}
            onClick={() => void load(query, items.length)}
          >
            {t('ui_load_more')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
