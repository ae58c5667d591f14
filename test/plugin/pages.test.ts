/**
 * Every page kind of the three real plugin versions, through the library
 * (ChatGptt.createAsyncGenerator): the echo model's answer comes back whole, streamed where the
 * site streams, and the model saw the message as the user wrote it.
 */
import { describe, expect, it } from 'vitest';
import { echoCount, echoedMessage, turn } from '../integration/provider-helpers';
import { local, marker, modelSaw, runs, siteUrl } from './tier';

const A = siteUrl('a');
const B = siteUrl('b');
const C = siteUrl('c');

/** One turn on `page`; checks the whole echo answer and (locally) what the model saw. */
async function answers(page: string, label: string, streams: boolean) {
  const word = marker(label);
  const message = `Hello ${word}`;
  const outcome = await turn(message, { site: page });
  expect(outcome.error?.toJSON()).toBeUndefined();
  expect(echoCount(outcome.text)).toBe(2);
  expect(echoedMessage(outcome.text)).toBe(message);
  expect(outcome.text).toContain('console.log("hello from the echo model");');
  if (streams) expect(outcome.pieces).toBeGreaterThan(3);
  if (local) expect(modelSaw(word).map((e) => e.last)).toEqual([message]);
  return { outcome, word };
}

describe.runIf(runs('site A page kinds', { site: 'a' }))('AI Power 1.9.18 (G4) pages', () => {
  it('the shortcode front page streams SSE', async () => {
    const { outcome } = await answers(`${A}/`, 'shortcode', true);
    expect(outcome.progress.find((p) => p.type === 'tokens')).toMatchObject({
      tokens: { generation: 'G4', chatType: 'shortcode', botId: '0' },
    });
  });

  it('a custom bot with streaming off answers JSON', async () => {
    const { outcome } = await answers(`${A}/plain/`, 'plainbot', false);
    expect(outcome.progress.find((p) => p.type === 'tokens')).toMatchObject({
      tokens: { botId: '4' },
    });
  });

  it('a custom bot with streaming on streams', async () => {
    await answers(`${A}/stream-bot/`, 'streambot', true);
  });

  it('a page with only the site-wide widget chats through the widget', async () => {
    const { outcome } = await answers(`${A}/about/`, 'widget', true);
    expect(outcome.progress.find((p) => p.type === 'tokens')).toMatchObject({
      tokens: { chatType: 'widget' },
    });
  });

  it('an Azure bot reaches the model through the Azure deployment route', async () => {
    const { word } = await answers(`${A}/azure/`, 'azure', true);
    if (local)
      expect(modelSaw(word)[0]?.path).toBe('/openai/deployments/gpt-4o-mini/chat/completions');
  });
});

describe.runIf(runs('site B page kinds', { site: 'b' }))(
  'AI Power 2.4.71 (AIPKit, G5) pages',
  () => {
    it('an inline bot answers over the two-step SSE', async () => {
      const { outcome } = await answers(`${B}/`, 'inline', true);
      expect(outcome.progress.find((p) => p.type === 'tokens')).toMatchObject({
        tokens: { generation: 'G5', chatType: 'aipkit', botId: '5' },
      });
    });

    it('a popup-mode bot (data-config on div.aipkit_popup_wrapper) is found and answers', async () => {
      const { outcome } = await answers(`${B}/popup/`, 'popup', true);
      expect(outcome.progress.find((p) => p.type === 'tokens')).toMatchObject({
        tokens: { generation: 'G5', botId: '7' },
      });
    });
  },
);

describe.runIf(runs('site C page kinds', { site: 'c' }))('AI Power 1.8.79 (G2) pages', () => {
  it('the shortcode front page streams', async () => {
    const { outcome } = await answers(`${C}/`, 'gtwo', true);
    expect(outcome.progress.find((p) => p.type === 'tokens')).toMatchObject({
      tokens: { generation: 'G2' },
    });
  });

  it('a custom bot with streaming off answers', async () => {
    await answers(`${C}/plain/`, 'gtwoplain', false);
  });
});
