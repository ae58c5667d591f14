/** Quick actions: the prompts offered on a selection (context menu and sidebar). */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../ui/i18n-context';
import { editedField, localizeAction } from '../../shared/quick-actions';
import { DEFAULT_QUICK_ACTIONS, type QuickAction, type Settings } from '../../shared/settings';
import { DraftInput, DraftTextArea } from '../DraftFields';
import type { UpdateSettings } from '../use-settings';
import { MoveButtons, moveBy } from './MoveButtons';

const PLACEHOLDER = '{{selection}}';

function newId(): string {
  return `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export function QuickActions({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const { language, t } = useT();
  // Built-ins still at their defaults are shown in the UI language (see quick-actions.ts).
  const actions = settings.quickActions.map((action) => localizeAction(action, language));
  const [status, setStatus] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);

  // A new action's name is focused and selected, ready to be typed over.
  useEffect(() => {
    if (!focusId) return;
    const input = document.getElementById(`action-title-${focusId}`);
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
      setFocusId(null);
    }
  }, [focusId, actions]);

  /** Changes one action, found by id in the settings as stored now. */
  async function edit(id: string, field: 'title' | 'prompt', typed: string): Promise<void> {
    await update((current) => ({
      quickActions: current.quickActions.map((a) =>
        a.id === id ? { ...a, [field]: editedField(a, field, typed) } : a,
      ),
    }));
    setStatus(t('options_saved'));
  }

  async function add(): Promise<void> {
    const action: QuickAction = {
      id: newId(),
      title: t('options_actions_new_title'),
      prompt: `${t('options_actions_new_prompt')}\n\n${PLACEHOLDER}`,
    };
    setFocusId(action.id);
    await update((current) => ({ quickActions: [...current.quickActions, action] }));
    setStatus(t('options_actions_added'));
  }

  async function remove(action: QuickAction): Promise<void> {
    await update((current) => ({
      quickActions: current.quickActions.filter((a) => a.id !== action.id),
    }));
    setStatus(t('options_actions_removed', action.title));
  }

  async function restore(): Promise<void> {
    await update(() => ({ quickActions: DEFAULT_QUICK_ACTIONS }));
    setStatus(t('options_actions_restored'));
  }

  const reorder = (id: string, delta: number) =>
    void update((current) => ({
      quickActions: moveBy(current.quickActions, (a) => a.id === id, delta),
    }));

  return (
    <section class="card" id="actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('options_actions_title')}</h2>
      <p class="hint">{t('options_actions_hint', PLACEHOLDER)}</p>
      <ol class="list" aria-label={t('options_actions_list')}>
        {actions.map((action, index) => {
          const titleId = `action-title-${action.id}`;
          const promptId = `action-prompt-${action.id}`;
          const missing = !action.prompt.includes(PLACEHOLDER);
          return (
            <li class="item" key={action.id} data-action={action.id}>
              <div class="item-head">
                <div class="field" style="flex:1 1 14rem;margin:0">
                  <label for={titleId}>{t('options_actions_name')}</label>
                  <DraftInput
                    id={titleId}
                    class="grow"
                    value={action.title}
                    onCommit={(text) => {
                      const title = text.trim();
                      if (!title) return false; // an action keeps a name
                      void edit(action.id, 'title', title);
                    }}
                  />
                </div>
                <div class="row">
                  <MoveButtons
                    index={index}
                    count={actions.length}
                    name={action.title}
                    onMove={(delta) => reorder(action.id, delta)}
                  />
                  <button
                    type="button"
                    class="danger"
                    onClick={() => void remove(action)}
                    aria-label={t('options_actions_remove_named', action.title)}
                  >
                    {t('options_remove')}
                  </button>
                </div>
              </div>
              <div class="field" style="margin-bottom:0">
                <label for={promptId}>{t('options_actions_prompt')}</label>
                <DraftTextArea
                  id={promptId}
                  rows={3}
                  value={action.prompt}
                  aria-describedby={missing ? `${promptId}-warn` : undefined}
                  onCommit={(prompt) => void edit(action.id, 'prompt', prompt)}
                />
                {missing && (
                  <span id={`${promptId}-warn`} class="hint">
                    {t('options_actions_no_placeholder', PLACEHOLDER)}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div class="row">
        <button type="button" class="primary" onClick={() => void add()}>
          {t('options_actions_add')}
        </button>
        <button type="button" onClick={() => void restore()}>
          {t('options_actions_restore')}
        </button>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
