/**
 * Past conversations grouped by day: search across titles and text (matches highlighted),
 * open one to continue it, rename, export as Markdown, delete with Undo.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getLanguage, t } from '../shared/i18n';
import type { Conversation, ConversationSummary, StoredMessage } from '../shared/model';
import { RequestError } from '../shared/rpc';
import { useClient } from './client-context';
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

/** Names which conversation a row button acts on, for screen readers (visible text stays short). */
function RowName({ title }: { title: string }) {
  return <span class="cg-visually-hidden">{t('ui_row_name', title)}</span>;
}

function dayLabel(day: number): string {
  const relative = relativeDay(day, Date.now());
  if (relative === 'today') return t('ui_today');
  if (relative === 'yesterday') return t('ui_yesterday');
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium' }).format(day);
}

function Row({
  item,
  query,
  onOpen,
  onRename,
  onDelete,
  onExport,
}: {
  item: ConversationSummary;
  query: string;
  onOpen: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
  onExport: () => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(item.title);
  const title_ = item.title || t('ui_untitled');
  if (renaming) {
    const save = () => {
      setRenaming(false);
      if (title.trim() && title !== item.title) onRename(title.trim());
    };
    return (
      <li class="cg-history-row">
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
          ref={(el) => el?.focus()}
        />
        <div class="cg-actions">
          <button type="button" class="cg-button cg-small cg-primary" onClick={save}>
            {t('ui_save')}
          </button>
          <button type="button" class="cg-button cg-small" onClick={() => setRenaming(false)}>
            {t('ui_cancel')}
          </button>
        </div>
      </li>
    );
  }
  return (
    <li class="cg-history-row">
      <button type="button" class="cg-history-open" onClick={onOpen}>
        <span class="cg-history-title">
          <Highlighted text={title_} query={query} />
        </span>
        {item.snippet ? (
          <span class="cg-history-snippet">
            <Highlighted text={item.snippet} query={query} />
          </span>
        ) : null}
      </button>
      <div class="cg-actions cg-history-actions">
        <button
          type="button"
          class="cg-button cg-small"
          onClick={() => {
            setTitle(item.title);
            setRenaming(true);
          }}
        >
          {t('ui_rename')}
          <RowName title={title_} />
        </button>
        <button type="button" class="cg-button cg-small" onClick={onExport}>
          {t('ui_export')}
          <RowName title={title_} />
        </button>
        <button type="button" class="cg-button cg-small" onClick={onDelete}>
          {t('ui_delete')}
          <RowName title={title_} />
        </button>
      </div>
    </li>
  );
}

export function HistoryView({ onOpen, onDeleted }: Props) {
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

  const groups = groupByDay(items);
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
          <div class="cg-history-group" key={group.day}>
            <h2 class="cg-day">{dayLabel(group.day)}</h2>
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
