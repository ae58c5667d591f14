/** Quick actions: the prompts offered on a selection (context menu and sidebar). */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { DEFAULT_QUICK_ACTIONS, type QuickAction, type Settings } from '../../shared/settings';
import type { SaveSettings } from '../use-settings';
import { MoveButtons, move } from './MoveButtons';

const PLACEHOLDER = '{{selection}}';

function newId(): string {
  return `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export function QuickActions({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const actions = settings.quickActions;
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

  async function update(index: number, patch: Partial<QuickAction>): Promise<void> {
    const next = actions.map((action, i) => (i === index ? { ...action, ...patch } : action));
    await save({ quickActions: next });
    setStatus(t('options_saved'));
  }

  async function add(): Promise<void> {
    const action: QuickAction = {
      id: newId(),
      title: t('options_actions_new_title'),
      prompt: `${t('options_actions_new_prompt')}\n\n${PLACEHOLDER}`,
    };
    setFocusId(action.id);
    await save({ quickActions: [...actions, action] });
    setStatus(t('options_actions_added'));
  }

  async function remove(index: number): Promise<void> {
    const removed = actions[index];
    await save({ quickActions: actions.filter((_, i) => i !== index) });
    setStatus(t('options_actions_removed', removed?.title ?? ''));
  }

  async function restore(): Promise<void> {
    await save({ quickActions: DEFAULT_QUICK_ACTIONS });
    setStatus(t('options_actions_restored'));
  }

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
                  <input
                    id={titleId}
                    type="text"
                    class="grow"
                    value={action.title}
                    onChange={(event) => {
                      const title = event.currentTarget.value.trim();
                      if (title) void update(index, { title });
                    }}
                  />
                </div>
                <div class="row">
                  <MoveButtons
                    index={index}
                    count={actions.length}
                    name={action.title}
                    onMove={(to) => void save({ quickActions: move(actions, index, to) })}
                  />
                  <button
                    type="button"
                    class="danger"
                    onClick={() => void remove(index)}
                    aria-label={t('options_actions_remove_named', action.title)}
                  >
                    {t('options_remove')}
                  </button>
                </div>
              </div>
              <div class="field" style="margin-bottom:0">
                <label for={promptId}>{t('options_actions_prompt')}</label>
                <textarea
                  id={promptId}
                  rows={3}
                  value={action.prompt}
                  aria-describedby={missing ? `${promptId}-warn` : undefined}
                  onChange={(event) => void update(index, { prompt: event.currentTarget.value })}
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
