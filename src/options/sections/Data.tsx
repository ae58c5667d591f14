/**
 * Conversation data: export everything, import a file (checked first, with a summary to confirm),
 * delete everything (confirmed), and the storage used.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translator } from '../../shared/i18n';
import { useT } from '../../ui/i18n-context';
import type { ImportCounts, ResponseOf } from '../../shared/messages';
import { RequestError, request } from '../../shared/rpc';
import { downloadBlob, formatBytes } from '../download';
import { exportEverything } from '../export-file';
import { commitFile, stageFile, type Progress } from '../import-file';
import { ConfirmPanel } from './ConfirmPanel';
import { ImportProgress } from './ImportProgress';

type Pending =
  | { kind: 'import'; name: string; importId: string; summary: ImportCounts }
  | { kind: 'delete'; total: number }
  | null;

const conversations = ({ plural }: Translator, count: number) =>
  plural('options_count_conversations', count);
const messages = ({ plural }: Translator, count: number) => plural('options_count_messages', count);

function message(error: unknown): string {
  if (error instanceof RequestError) return error.error.message;
  return error instanceof Error ? error.message : String(error);
}

/** "“a.json” holds 1,204 conversations with 5,210 messages. 3 already here will be skipped." */
function summaryText(i18n: Translator, name: string, counts: ImportCounts): string {
  const { language, t } = i18n;
  return [
    t(
      'options_data_import_summary',
      name,
      conversations(i18n, counts.conversations),
      messages(i18n, counts.messages),
    ),
    counts.alreadyHere > 0 ? t('import_summary_same', conversations(i18n, counts.alreadyHere)) : '',
    counts.copies > 0 ? t('import_summary_copies', conversations(i18n, counts.copies)) : '',
    counts.repaired > 0
      ? t('import_summary_repaired', counts.repaired.toLocaleString(language))
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** "Imported 1,201 conversations with 5,200 messages. 3 already here were skipped." */
function importedText(i18n: Translator, counts: ImportCounts): string {
  const { language, t } = i18n;
  return [
    t(
      'options_data_imported',
      conversations(i18n, counts.conversations),
      messages(i18n, counts.messages),
    ),
    counts.alreadyHere > 0 ? t('import_done_same', conversations(i18n, counts.alreadyHere)) : '',
    counts.copies > 0 ? t('import_done_copies', conversations(i18n, counts.copies)) : '',
    counts.repaired > 0 ? t('import_done_repaired', counts.repaired.toLocaleString(language)) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

type Usage = ResponseOf<'storage/usage'>;

export function Data() {
  const i18n = useT();
  const { language, t } = i18n;
  const [usage, setUsage] = useState<Usage | null>(null);
  const bytes = usage?.bytes ?? null;
  const [pending, setPending] = useState<Pending>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<(Progress & { text: string; stop?: () => void }) | null>(
    null,
  );
  const confirmButton = useRef<HTMLButtonElement>(null);

  // A confirmation takes the focus, so the keyboard user lands on the question (the autofocus
  // attribute only works at page load).
  // It is disabled while the check runs, so focus once that is over.
  const pendingKind = pending?.kind;
  useEffect(() => {
    if (pendingKind && !busy) confirmButton.current?.focus();
  }, [pendingKind, busy]);

  async function refreshUsage(): Promise<void> {
    try {
      setUsage(await request('storage/usage', {}));
    } catch {
      setUsage(null);
    }
  }
  useEffect(() => void refreshUsage(), []);

  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setStatus({ text: message(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  // Over a port in pieces: a history over 64 MiB does not fit in one message.
  const exportAll = () =>
    run(async () => {
      const file = await exportEverything();
      downloadBlob(file.filename, file.blob);
      setStatus({ text: t('options_data_exported', file.filename), error: false });
    });

  async function onFile(event: Event): Promise<void> {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const stop = new AbortController();
    setPending(null);
    setStatus(null);
    const show = ({ done, total }: Progress) =>
      setProgress({
        text: t(
          'import_reading',
          file.name,
          `${Math.floor((100 * done) / Math.max(1, total)).toLocaleString(language)}%`,
        ),
        done,
        total,
        stop: () => stop.abort(),
      });
    show({ done: 0, total: file.size });
    await run(async () => {
      try {
        const { importId, summary } = await stageFile(file, show, stop.signal, i18n);
        setPending({ kind: 'import', name: file.name, importId, summary });
      } catch (error) {
        // The refusal is one whole sentence (what is wrong, and that nothing changed).
        setStatus({
          text: stop.signal.aborted ? t('import_stopped') : message(error),
          error: !stop.signal.aborted,
        });
      } finally {
        setProgress(null);
      }
    });
  }

  const confirmImport = (importId: string, total: number) =>
    run(async () => {
      setPending(null);
      const show = ({ done, total }: Progress) =>
        setProgress({
          text: t('import_saving', done.toLocaleString(language), total.toLocaleString(language)),
          done,
          total,
        });
      show({ done: 0, total });
      try {
        const done = await commitFile(importId, show, t);
        setStatus({ text: importedText(i18n, done), error: false });
      } finally {
        setProgress(null);
      }
      await refreshUsage();
    });

  const cancelImport = (importId: string) => {
    setPending(null);
    void request('import/cancel', { importId }).catch(() => undefined);
  };

  // When the browser's storage is full, the biggest conversations are the quickest room to make.
  const deleteOne = (id: string) =>
    run(async () => {
      await request('conversations/delete', { id });
      await refreshUsage();
    });

  const askDelete = () =>
    run(async () => {
      const { total } = await request('conversations/list', { limit: 1 });
      setPending({ kind: 'delete', total });
      setStatus(null);
    });

  const confirmDelete = () =>
    run(async () => {
      const { deleted } = await request('conversations/deleteAll', {});
      setPending(null);
      setStatus({ text: t('options_data_deleted', conversations(i18n, deleted)), error: false });
      await refreshUsage();
    });

  return (
    <section class="card" id="data" aria-labelledby="data-title">
      <h2 id="data-title">{t('options_data_title')}</h2>
      <p class="hint" data-testid="storage-used">
        {bytes === null
          ? t('options_data_usage_unknown')
          : t('options_data_usage', formatBytes(bytes, language))}
        {usage?.quota !== undefined
          ? ` ${t('options_data_quota', formatBytes(Math.max(0, usage.quota - usage.bytes), language))}`
          : ''}
      </p>
      {usage && usage.largest.length > 0 ? (
        <LargestList items={usage.largest} busy={busy} onDelete={(id) => void deleteOne(id)} />
      ) : null}
      <div class="row">
        <button type="button" onClick={() => void exportAll()} disabled={busy}>
          {t('options_data_export')}
        </button>
        <label class="button-like">
          <span>{t('options_data_import')}</span>
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden-file"
            onChange={(event) => void onFile(event)}
            disabled={busy}
          />
        </label>
        <button type="button" class="danger" onClick={() => void askDelete()} disabled={busy}>
          {t('options_data_delete')}
        </button>
      </div>
      {progress && (
        <ImportProgress
          text={progress.text}
          done={progress.done}
          total={progress.total}
          onStop={progress.stop}
        />
      )}
      {pending?.kind === 'import' && (
        <ConfirmPanel
          id="import-summary"
          question={summaryText(i18n, pending.name, pending.summary)}
          confirmLabel={t('options_data_import_confirm')}
          tone="primary"
          busy={busy}
          confirmRef={confirmButton}
          onConfirm={() => void confirmImport(pending.importId, pending.summary.conversations)}
          onCancel={() => cancelImport(pending.importId)}
        />
      )}
      {pending?.kind === 'delete' && (
        <ConfirmPanel
          id="delete-summary"
          question={t('options_data_delete_confirm_text', conversations(i18n, pending.total))}
          confirmLabel={t('options_data_delete_confirm')}
          tone="danger"
          busy={busy}
          confirmRef={confirmButton}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPending(null)}
        />
      )}
      <p class={status?.error ? 'status error' : 'status'} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
    </section>
  );
}

function LargestList({
  items,
  busy,
  onDelete,
}: {
  items: Usage['largest'];
  busy: boolean;
  onDelete: (id: string) => void;
}) {
  const { language, t } = useT();
  return (
    <div class="largest" data-testid="largest-conversations">
      <h3>{t('options_data_largest')}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <span>
              {t(
                'options_data_largest_item',
                item.title || t('options_data_untitled'),
                formatBytes(item.bytes, language),
              )}
            </span>{' '}
            <button
              type="button"
              class="danger"
              disabled={busy}
              aria-label={`${t('options_data_delete_one')}: ${item.title || t('options_data_untitled')}`}
              onClick={() => onDelete(item.id)}
            >
              {t('options_data_delete_one')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
