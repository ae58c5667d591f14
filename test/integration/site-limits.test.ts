/**
 * What the site accepts in one turn, measured through the library against the test site in every
 * generation (docs/protocol.md#message-and-history-limits): no message length is refused (the
 * plugin checks none), G2/G3 flatten line breaks, and G5 keeps only the newest 15 earlier
 * messages on the server, as 2.4.71 does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryTokenCache, type ChatMessage, type SiteGeneration } from './provider-imports';
import { startSite, type TestSite } from '../site/server';
import { echoCount, echoedMessage, turn } from './provider-helpers';
import { SITE_LIMITS } from '../../src/provider/site-knowledge';
import { MESSAGE_LIMIT } from '../../src/shared/message-limit';
import { COOKIE_MAX_BYTES } from '../../src/provider/http';

const GENERATIONS: SiteGeneration[] = ['G1', 'G2', 'G3', 'G4', 'G5'];

describe('G1: the reply carries the conversation in cookies', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation: 'G1' });
  });
  afterAll(async () => {
    await site.close();
  });

  it('a short message goes whole', async () => {
    const message = `${'word '.repeat(500)}THE-END`;
    const out = await turn(message, { site: site.pages.shortcode });
    expect(echoedMessage(out.text)).toBe(message);
  });

  it(`a message of our budget is answered whole, though its Set-Cookie headers pass Node's own ${SITE_LIMITS.G1.replyHeaderBytes} bytes`, async () => {
    const message = `${'word '.repeat(MESSAGE_LIMIT / 5 - 2)}THE-END`;
    const out = await turn(message, { site: site.pages.shortcode });
    expect(out.error).toBeUndefined();
    expect(echoedMessage(out.text)).toBe(message);

    // The next turn works, and the memory cookie over 4 KB was dropped as a browser drops it,
    // not sent back in a request header the site's server would refuse.
    const next = await turn('and now?', { site: site.pages.shortcode });
    expect(next.error).toBeUndefined();
    expect(echoedMessage(next.text)).toBe('and now?');
    const post = site.log.filter((entry) => entry.method === 'POST').at(-1);
    const cookie = String(post?.headers.cookie ?? '');
    expect(cookie.length).toBeLessThan(COOKIE_MAX_BYTES);
  });
});

describe.each(GENERATIONS.filter((g) => g !== 'G1'))('generation %s', (generation) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation });
  });
  afterAll(async () => {
    await site.close();
  });

  it('takes a message of our budget whole', async () => {
    site.configure({ faults: { chunkDelayMs: 0 } });
    const message = `${'word '.repeat(MESSAGE_LIMIT / 5 - 2)}THE-END`;
    const out = await turn(message, { site: site.pages.shortcode });
    expect(out.error).toBeUndefined();
    expect(echoedMessage(out.text)).toBe(message);
  });

  it('takes a message 20 times our budget whole, to its last word', async () => {
    site.configure({ faults: { chunkDelayMs: 0 } });
    const words = Array.from({ length: (MESSAGE_LIMIT * 20) / 8 }, (_, i) =>
      `w${i % 1000}`.padEnd(7, 'x'),
    );
    const message = `${words.join(' ')} THE-END`;
    expect(message.length).toBeGreaterThan(MESSAGE_LIMIT * 20);
    const out = await turn(message, { site: site.pages.shortcode });
    expect(out.error).toBeUndefined();
    expect(echoedMessage(out.text)).toBe(message);
    expect(SITE_LIMITS[generation].messageChars).toBeNull();
  });

  it(`line breaks: ${SITE_LIMITS[generation].flattensLineBreaks ? 'flattened' : 'kept'}`, async () => {
    const out = await turn('first line\nsecond line', { site: site.pages.shortcode });
    expect(echoedMessage(out.text)).toBe(
      SITE_LIMITS[generation].flattensLineBreaks
        ? 'first line second line'
        : 'first line\nsecond line',
    );
  });
});

describe('G5 history: only the newest messages reach the model', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation: 'G5' });
  });
  afterAll(async () => {
    await site.close();
  });

  it(`at most ${SITE_LIMITS.G5.historyEntries} earlier messages, however long the conversation`, async () => {
    const tokenCache = memoryTokenCache();
    const history: ChatMessage[] = [];
    const counts: number[] = [];
    for (let i = 1; i <= 10; i++) {
      history.push({ role: 'user', content: `turn ${i}` });
      const out = await turn(history, { site: site.pages.shortcode, tokenCache });
      expect(out.error).toBeUndefined();
      counts.push(echoCount(out.text) ?? -1);
      history.push({ role: 'assistant', content: out.text });
    }
    // system + earlier messages (2 per turn, cut to 15) + the message.
    expect(counts).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 17, 17]);
  });
});
