/**
 * The bot (and, where the site takes it, model) picker of the conversation panel (issue 16
 * item 1, issue 13): it lists the site's real bots, chooses nothing where there is nothing to
 * choose, and says so. The header's label comes from the same facts (`usingLabel`).
 */
import { useT } from './i18n-context';
import { effectiveBot, takesModel, type ChosenBot, type SiteBot } from '../shared/bots';
import { MODELS, isModelName, type ModelName } from '../shared/models';
import { siteName } from './error-help';
import type { SiteBotsState } from './use-site-bots';

export interface BotChange {
  model?: ModelName;
  bot?: ChosenBot | null;
}

interface Props {
  state: SiteBotsState;
  bot: ChosenBot | undefined;
  model: ModelName;
  onChange: (change: BotChange) => void;
}

export function BotPicker({ state, bot, model, onChange }: Props) {
  const { t } = useT();
  const host = siteName(state.site);
  if (state.status !== 'ready') return <p class="cg-note">{t(`ui_bots_${state.status}`, host)}</p>;
  const { bots } = state.value;
  const current = effectiveBot(state.value, bot, model);
  const modelSelect = takesModel(state.value, current);
  const note = modelSelect
    ? 'ui_model_real_note'
    : bots.length > 1
      ? 'ui_bot_note'
      : bots.length === 1
        ? 'ui_bot_single'
        : 'ui_model_note';
  return (
    <>
      {bots.length > 1 ? (
        <BotSelect bots={bots} current={current} onChange={onChange} />
      ) : current ? (
        <p class="cg-field">
          <span>{t('ui_bot')}</span>
          <strong>{current.name}</strong>
        </p>
      ) : null}
      {modelSelect ? <ModelSelect model={model} onChange={onChange} /> : null}
      <p class="cg-note">{t(note)}</p>
    </>
  );
}

function BotSelect(props: {
  bots: SiteBot[];
  current: SiteBot | undefined;
  onChange: (change: BotChange) => void;
}) {
  const { t } = useT();
  const { bots, current, onChange } = props;
  return (
    <label class="cg-field">
      <span>{t('ui_bot')}</span>
      <select
        value={current?.id ?? ''}
        onChange={(event) => {
          const chosen = bots.find((b) => b.id === event.currentTarget.value);
          if (chosen) onChange({ bot: { id: chosen.id, name: chosen.name } });
        }}
      >
        {bots.map((b) => (
          <option value={b.id}>{b.name}</option>
        ))}
      </select>
    </label>
  );
}

function ModelSelect(props: { model: ModelName; onChange: (change: BotChange) => void }) {
  const { t } = useT();
  const { model, onChange } = props;
  return (
    <label class="cg-field">
      <span>{t('ui_model')}</span>
      <select
        value={model}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isModelName(value)) onChange({ model: value });
        }}
      >
        {MODELS.map((name) => (
          <option value={name}>{name}</option>
        ))}
      </select>
    </label>
  );
}
