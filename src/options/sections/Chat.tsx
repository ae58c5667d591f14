/** Chat defaults: model, system prompt, how memory is sent, and how much of it. */
import { useT } from '../../ui/i18n-context';
import { MODELS, isModelName } from '../../shared/models';
import type { Settings } from '../../shared/settings';
import type { SaveSettings } from '../use-settings';
import { DraftInput, DraftTextArea } from '../DraftFields';

export function Chat({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const { t } = useT();
  return (
    <section class="card" id="chat" aria-labelledby="chat-title">
      <h2 id="chat-title">{t('options_chat_title')}</h2>
      <div class="field">
        <label for="chat-model">{t('options_chat_model')}</label>
        <select
          id="chat-model"
          value={settings.model}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isModelName(value)) void save({ model: value });
          }}
        >
          {MODELS.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </select>
        <span class="hint">{t('options_chat_model_hint')}</span>
      </div>
      <div class="field">
        <label for="chat-system">{t('options_chat_system')}</label>
        <DraftTextArea
          id="chat-system"
          rows={3}
          value={settings.systemPrompt}
          placeholder={t('options_chat_system_placeholder')}
          onCommit={(systemPrompt) => void save({ systemPrompt })}
        />
      </div>
      <fieldset>
        <legend>{t('options_chat_memory')}</legend>
        <label class="check">
          <input
            type="radio"
            name="memory-mode"
            value="plugin"
            checked={settings.memoryMode === 'plugin'}
            onChange={() => void save({ memoryMode: 'plugin' })}
          />
          <span>
            {t('options_chat_memory_plugin')}
            <span class="hint" style="display:block;margin:0">
              {t('options_chat_memory_plugin_hint')}
            </span>
          </span>
        </label>
        <label class="check">
          <input
            type="radio"
            name="memory-mode"
            value="single-prompt"
            checked={settings.memoryMode === 'single-prompt'}
            onChange={() => void save({ memoryMode: 'single-prompt' })}
          />
          <span>
            {t('options_chat_memory_single')}
            <span class="hint" style="display:block;margin:0">
              {t('options_chat_memory_single_hint')}
            </span>
          </span>
        </label>
      </fieldset>
      <div class="field">
        <label for="chat-memory-limit">{t('options_chat_memory_limit')}</label>
        <DraftInput
          id="chat-memory-limit"
          type="number"
          min={0}
          max={100}
          step={1}
          style="max-width:8rem"
          value={String(settings.memoryLimit)}
          aria-describedby="chat-memory-limit-hint"
          onCommit={(text) => {
            const value = Math.round(Number(text));
            if (text.trim() === '' || !Number.isFinite(value)) return false;
            const limit = Math.max(0, Math.min(100, value));
            void save({ memoryLimit: limit });
            return String(limit) === text.trim(); // 150 is saved as 100 and shows as such
          }}
        />
        <span id="chat-memory-limit-hint" class="hint">
          {t('options_chat_memory_limit_hint')}
        </span>
      </div>
      <label class="check">
        <input
          type="checkbox"
          id="chat-auto-resend"
          checked={settings.autoResend}
          onChange={(event) => void save({ autoResend: event.currentTarget.checked })}
        />
        <span>
          {t('options_chat_auto_resend')}
          <span class="hint" style="display:block;margin:0">
            {t('options_chat_auto_resend_hint')}
          </span>
        </span>
      </label>
    </section>
  );
}
