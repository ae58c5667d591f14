/**
 * Every plugin flag of FLAG_KINDS ends a legacy stream with its kind and `msg`. The
 * interpreter reads the flags by constant names (fast on every frame): this fails when a flag
 * is added to FLAG_KINDS and not to that list.
 */
import { describe, expect, it } from 'vitest';
import { LegacyStreamInterpreter } from '../../../src/provider/reply';
import { FLAG_KINDS } from '../../../src/provider/site-knowledge';

describe('legacy stream: plugin flag frames', () => {
  it.each(Object.entries(FLAG_KINDS))('%s ends the answer as %s', (flag, kind) => {
    const interpreter = new LegacyStreamInterpreter();
    const frame = {
      event: undefined,
      id: undefined,
      data: JSON.stringify({ [flag]: true, msg: `stopped by ${flag}` }),
    };
    expect(interpreter.push(frame)).toEqual([
      expect.objectContaining({ type: 'error', kind, message: `stopped by ${flag}` }),
    ]);
  });

  it('a false flag or an ordinary chunk is no error', () => {
    const interpreter = new LegacyStreamInterpreter();
    const flags = Object.fromEntries(Object.keys(FLAG_KINDS).map((flag) => [flag, false]));
    const chunk = { ...flags, choices: [{ delta: { content: 'hi' }, finish_reason: null }] };
    expect(
      interpreter.push({ event: undefined, id: undefined, data: JSON.stringify(chunk) }),
    ).toEqual([{ type: 'delta', text: 'hi' }]);
  });
});
