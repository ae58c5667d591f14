/**
 * Turnstile / captcha refusals of AIPKit (issue 16 item 2) are the `challenge` kind, whose way
 * out is passing the check in a tab; other refusals keep their kinds.
 */
import { describe, expect, it } from 'vitest';
import {
  AipkitStreamInterpreter,
  interpretAipkitCache,
  isHumanCheck,
} from '../../../src/provider/reply';

const cacheRefusal = (code: string, message: string) =>
  JSON.stringify({ success: false, data: { code, message } });

describe('human checks in front of AIPKit', () => {
  it('maps ts_required and other Turnstile/captcha codes of the cache step to challenge', () => {
    const cases: Array<[string, string]> = [
      ['ts_required', 'Please complete the security check.'],
      ['ts_invalid', 'Verification failed.'],
      ['captcha_failed', 'Bad captcha.'],
      ['recaptcha_low_score', 'Try again.'],
      ['', 'Turnstile verification required'],
      ['', 'Please verify you are human'],
    ];
    for (const [code, message] of cases) {
      expect(interpretAipkitCache(cacheRefusal(code, message)), code || message).toMatchObject({
        type: 'error',
        kind: 'challenge',
      });
    }
  });

  it('maps a Turnstile error event of the stream to challenge, before any text', () => {
    const stream = new AipkitStreamInterpreter();
    const events = stream.push({
      id: undefined,
      event: 'error',
      data: JSON.stringify({ error: 'Security check required.', code: 'ts_required' }),
    });
    expect(events).toMatchObject([{ type: 'error', kind: 'challenge' }]);
  });

  it('leaves other refusals alone', () => {
    expect(isHumanCheck('', 'You have reached your message limit.')).toBe(false);
    expect(isHumanCheck('tsunami', 'x')).toBe(false);
    expect(interpretAipkitCache(cacheRefusal('nonce_failure', 'x'))).toMatchObject({
      kind: 'nonce',
    });
  });
});
