/**
 * Every switchable fault of the local test site, on a streaming page and on a JSON page, gives
 * the typed error the UI can act on (or, for transport oddities, the right answer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type SiteFaults, type TestSite } from '../site/server';
import { echoedMessage, turn } from './provider-helpers';

let site: TestSite;
beforeAll(async () => {
  site = await startSite({ generation: 'G4' });
});
afterAll(async () => {
  await site.close();
});

async function withFaults(
  faults: SiteFaults,
  page: 'shortcode' | 'plain',
  message = 'fault test',
  timeouts = {},
) {
  site.configure({ faults });
  try {
    return await turn(message, { site: site.pages[page], ...timeouts });
  } finally {
    site.configure({ faults: {} });
  }
}

const PAGES = ['shortcode', 'plain'] as const;

describe.each(PAGES)('faults on the %s page', (page) => {
  it('a clean answer first (the reference)', async () => {
    const outcome = await withFaults({}, page);
    expect(outcome.error).toBeUndefined();
    expect(echoedMessage(outcome.text)).toBe('fault test');
  });

  it('first byte later than allowed: timeout', async () => {
    const outcome = await withFaults({ firstByteDelayMs: 1500 }, page, 'slow', {
      firstByteTimeoutMs: 300,
    });
    expect(outcome.error?.kind).toBe('timeout');
  });

  it('a stall after the first piece: timeout', async () => {
    const outcome = await withFaults({ stall: true }, page, 'stall', {
      idleTimeoutMs: 400,
      firstByteTimeoutMs: 400,
    });
    expect(outcome.error?.kind).toBe('timeout');
  });

  it('slow chunks within the limits: the whole answer', async () => {
    const outcome = await withFaults({ chunkDelayMs: 40 }, page, 'paced', { idleTimeoutMs: 2000 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toContain('[model=');
  });

  it('the connection dropped mid-reply: cut after streamed text, network when nothing arrived', async () => {
    const outcome = await withFaults({ dropMidStream: true }, page);
    // The stream yields its first half before the break; a JSON body is read whole first.
    expect(outcome.error?.kind).toBe(page === 'shortcode' ? 'cut' : 'network');
    expect(outcome.text === '').toBe(page === 'plain');
  });

  for (const status of [500, 502, 503] as const) {
    it(`HTTP ${status} error page: server`, async () => {
      const outcome = await withFaults({ httpError: status }, page);
      expect(outcome.error?.kind).toBe('server');
      expect(outcome.error?.status).toBe(status);
    });
  }

  it('garbage bytes: protocol', async () => {
    const outcome = await withFaults({ garbage: true }, page);
    expect(outcome.error?.kind).toBe('protocol');
  });

  // The site's hugeReply/invalidUtf8 faults do not reach its answer engine (it reads them from
  // the top level of its options, where they are not), so these two use a fixed reply instead.
  it('a very large answer arrives whole (10 MB as JSON, 1 MB as ~65 000 stream frames)', async () => {
    const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit — ok ✓\n';
    const size = page === 'plain' ? 10 * 1024 * 1024 : 1024 * 1024;
    const huge = line.repeat(Math.ceil(size / Buffer.byteLength(line)));
    site.configure({ reply: huge });
    try {
      const outcome = await withFaults({ chunkDelayMs: 0 }, page, 'huge', {
        idleTimeoutMs: 20_000,
      });
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(huge);
    } finally {
      site.configure({ reply: null });
    }
  });

  it('invalid UTF-8 inside the answer: replacement characters, the rest intact', async () => {
    // The site streams its reply in 16-character pieces: the 16-character marker fills one.
    site.configure({ reply: 'before invalid: [[invalid-utf8]] after é' });
    try {
      const outcome = await withFaults({}, page);
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toMatch(/^before invalid: \uFFFD.*\uFFFD after é$/);
    } finally {
      site.configure({ reply: null });
    }
  });

  it('chunks split inside multi-byte characters: the same text as unsplit', async () => {
    const clean = await withFaults({}, page, 'split é ж 🙂');
    const split = await withFaults({ splitMultibyte: true }, page, 'split é ж 🙂');
    expect(split.error).toBeUndefined();
    expect(split.text).toBe(clean.text);
    expect(split.text).not.toContain('\uFFFD');
  });

  for (const status of [403, 503] as const) {
    it(`a Cloudflare-style challenge (${status}): challenge`, async () => {
      const outcome = await withFaults({ challenge: status }, page);
      expect(outcome.error?.kind).toBe('challenge');
    });
  }

  it('upstream error: upstream with the site text, once', async () => {
    const outcome = await withFaults({ upstreamError: true }, page);
    expect(outcome.error?.kind).toBe('upstream');
    expect(outcome.error?.message).toMatch(/^Rate limit reached for .* to learn more\.$/);
    expect(outcome.text).toBe('');
  });

  it('guest quota: quota', async () => {
    const outcome = await withFaults({ quota: true }, page);
    expect(outcome.error?.kind).toBe('quota');
    expect(outcome.error?.message).toBe('You have reached your token limit.');
  });

  it('a banned word: banned, and nothing of the answer that follows the flag', async () => {
    const outcome = await withFaults({ bannedWord: 'forbidden' }, page, 'this is forbidden talk');
    expect(outcome.error?.kind).toBe('banned');
    expect(outcome.error?.message).toMatch(/prohibited words/);
    expect(outcome.text).toBe('');
  });

  it('the model unreachable: upstream', async () => {
    const outcome = await withFaults({ emptyStream: true }, page);
    expect(outcome.error?.kind).toBe('upstream');
  });
});

describe('faults of the whole site', () => {
  it('the streaming page with an empty 200 stream says the model did not answer', async () => {
    const outcome = await withFaults({ emptyStream: true }, 'shortcode');
    expect(outcome.error?.message).toMatch(/did not answer/);
  });

  it('a closed port: network', async () => {
    const closed = await startSite();
    const url = closed.pages.shortcode;
    await closed.close();
    const outcome = await turn('hi', { site: url });
    expect(outcome.error?.kind).toBe('network');
  });

  it('the G5 site with a quota: quota', async () => {
    const g5 = await startSite({ generation: 'G5', faults: { quota: true } });
    try {
      const outcome = await turn('hi', { site: g5.pages.shortcode });
      expect(outcome.error?.kind).toBe('quota');
    } finally {
      await g5.close();
    }
  });

  it('the G5 site with the model unreachable: upstream', async () => {
    const g5 = await startSite({ generation: 'G5', faults: { emptyStream: true } });
    try {
      const outcome = await turn('hi', { site: g5.pages.shortcode });
      expect(outcome.error?.kind).toBe('upstream');
    } finally {
      await g5.close();
    }
  });

  it('a legacy request to a G5 site (stale cache) refreshes the tokens and answers', async () => {
    const upgraded = await startSite({ generation: 'G4' });
    try {
      const { memoryTokenCache } = await import('./provider-imports');
      const tokenCache = memoryTokenCache();
      expect(
        (await turn('before', { site: upgraded.pages.shortcode, tokenCache })).error,
      ).toBeUndefined();
      upgraded.configure({ generation: 'G5' });
      const after = await turn('after upgrade', { site: upgraded.pages.shortcode, tokenCache });
      expect(after.error).toBeUndefined();
      expect(echoedMessage(after.text)).toBe('after upgrade');
    } finally {
      await upgraded.close();
    }
  });
});
