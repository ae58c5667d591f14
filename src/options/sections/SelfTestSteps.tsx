/** The steps of a site self-test: each with its timing, or the plain-language error where it stopped. */
import type { SelfTestResult, SelfTestStep } from '../../provider/types';
import { useT } from '../../ui/i18n-context';
import { errorText } from '../error-text';

const STEPS: Array<SelfTestStep['step']> = ['page', 'tokens', 'generation', 'message', 'reply'];

export function SelfTestSteps({ result }: { result: SelfTestResult }) {
  const { t } = useT();
  const failed = result.steps.find((step) => !step.ok);
  return (
    <div data-testid="self-test" data-ok={String(result.ok)}>
      <p class={result.ok ? 'status' : 'status error'} role="status">
        {result.ok
          ? t('options_selftest_passed', result.generation ?? '?')
          : t('options_selftest_failed', failed ? t(`options_step_${failed.step}`) : '?')}
      </p>
      <ol class="steps" aria-label={t('options_selftest_steps')}>
        {STEPS.map((name) => {
          const step = result.steps.find((s) => s.step === name);
          return (
            <li
              key={name}
              data-step={name}
              data-state={step ? (step.ok ? 'ok' : 'failed') : 'skipped'}
            >
              <span aria-hidden="true" class={step ? (step.ok ? 'ok' : 'fail') : 'skipped'}>
                {step ? (step.ok ? '✓' : '✗') : '–'}
              </span>
              <span>{t(`options_step_${name}`)}</span>
              <span class="ms">{step ? t('options_ms', step.ms) : ''}</span>
              <span>
                {!step && <span class="skipped">{t('options_step_skipped')}</span>}
                {step?.ok && step.info}
                {step && !step.ok && step.error && (
                  <span class="error-text">
                    {errorText(t, step.error.kind)} <small>({step.error.message})</small>
                  </span>
                )}
                {step && !step.ok && !step.error && (
                  <span class="error-text">{t('options_step_failed')}</span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {result.ok && result.reply && (
        <p class="hint">{t('options_selftest_reply', result.reply.slice(0, 160))}</p>
      )}
    </div>
  );
}
