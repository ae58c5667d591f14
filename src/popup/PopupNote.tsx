/**
 * A short note left for the popup by the worker, e.g. "the sidebar cannot open on this page"
 * when the shortcut was pressed on a browser page. Shown once, then cleared.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { useT } from '../ui/i18n-context';

const NOTE_KEY = 'popupNote';
/** A note older than this was meant for an earlier popup. */
const FRESH_MS = 60_000;

interface StoredNote {
  message: string;
  at: number;
}

function isNote(value: unknown): value is StoredNote {
  const note = value as Partial<StoredNote> | undefined;
  return typeof note?.message === 'string' && typeof note.at === 'number';
}

export function PopupNote() {
  const { t } = useT();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void browser.storage.session.get(NOTE_KEY).then(async (stored) => {
      const note = stored[NOTE_KEY];
      if (!isNote(note)) return;
      await browser.storage.session.remove(NOTE_KEY);
      if (Date.now() - note.at < FRESH_MS) setMessage(note.message);
    });
  }, []);
  if (!message) return null;
  return (
    <div class="popup-note" role="status">
      <span>{message}</span>
      <button type="button" class="popup-note-close" onClick={() => setMessage(null)}>
        {t('popup_note_dismiss')}
      </button>
    </div>
  );
}
