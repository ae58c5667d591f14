/** The bot picker and the conversation's own system prompt, with an honest note on models. */
import { useEffect, useState } from 'preact/hooks';
import type { ChosenBot } from '../shared/bots';
import { useT } from './i18n-context';
import type { ModelName } from '../shared/models';
import { BotPicker, type BotChange } from './BotPicker';
import type { SiteBotsState } from './use-site-bots';

export type OptionsChange = BotChange & { systemPrompt?: string };

interface Props {
  bots: SiteBotsState;
  bot: ChosenBot | undefined;
  model: ModelName;
  systemPrompt: string;
  onChange: (change: OptionsChange) => void;
}

export function ConversationOptions({ bots, bot, model, systemPrompt, onChange }: Props) {
  const { t } = useT();
  const [prompt, setPrompt] = useState(systemPrompt);
  useEffect(() => setPrompt(systemPrompt), [systemPrompt]);
  return (
    <div class="cg-options" id="cg-options">
      <BotPicker state={bots} bot={bot} model={model} onChange={onChange} />
      <label class="cg-field">
        <span>{t('ui_system_prompt')}</span>
        <textarea
          rows={3}
          value={prompt}
          placeholder={t('ui_system_prompt_placeholder')}
          onInput={(event) => setPrompt(event.currentTarget.value)}
          onBlur={() => {
            if (prompt !== systemPrompt) onChange({ systemPrompt: prompt });
          }}
        />
      </label>
    </div>
  );
}
