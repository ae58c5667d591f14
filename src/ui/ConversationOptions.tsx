/** The model picker and the conversation's own system prompt, with an honest note on models. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { MODELS, isModelName, type ModelName } from '../shared/models';

interface Props {
  model: ModelName;
  systemPrompt: string;
  onChange: (change: { model?: ModelName; systemPrompt?: string }) => void;
}

export function ConversationOptions({ model, systemPrompt, onChange }: Props) {
  const [prompt, setPrompt] = useState(systemPrompt);
  useEffect(() => setPrompt(systemPrompt), [systemPrompt]);
  return (
    <div class="cg-options" id="cg-options">
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
      <p class="cg-note">{t('ui_model_note')}</p>
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
