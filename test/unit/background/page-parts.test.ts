import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../src/background/turns/history';
import { newJob, nextPageStep } from '../../../src/background/turns/page-job';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { splitIntoParts } from '../../../src/shared/page-parts';

describe('cutting a page into parts', () => {
  it('cuts at paragraph breaks, within the budget, losing no word', () => {
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Paragraph ${i} ${'word '.repeat(20).trim()}.`,
    );
    const text = paragraphs.join('\n\n');
    const parts = splitIntoParts(text, 500);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.join('\n\n')).toBe(text);
    for (const part of parts) expect(part).toMatch(/^Paragraph \d+ .*\.$/s);
  });

  it('falls back to spaces, then to a hard cut, for text without breaks', () => {
    expect(splitIntoParts('a '.repeat(300), 100).every((p) => p.length <= 100)).toBe(true);
    const solid = 'x'.repeat(250);
    expect(splitIntoParts(solid, 100)).toEqual(['x'.repeat(100), 'x'.repeat(100), 'x'.repeat(50)]);
  });

  it('a text that fits is one part', () => {
    expect(splitIntoParts('  short  ', 100)).toEqual(['short']);
  });
});

const conversation = (job?: Conversation['pageJob']): Conversation => ({
  id: 'c',
  title: '',
  site: 's',
  model: 'gpt-4o',
  systemPrompt: '',
  createdAt: 0,
  updatedAt: 0,
  ...(job ? { pageJob: job } : {}),
});

let seq = 0;
const message = (
  role: 'user' | 'assistant',
  text: string,
  part?: StoredMessage['part'],
  status: StoredMessage['status'] = 'done',
): StoredMessage => ({
  id: `m${++seq}`,
  conversationId: 'c',
  role,
  text,
  status,
  parentId: null,
  seq,
  createdAt: 0,
  updatedAt: 0,
  ...(part ? { part } : {}),
});

describe('the next step of a page job', () => {
  const job = newJob(
    'j',
    { title: 'T', url: 'https://t.example/', text: 'one\n\ntwo\n\nthree' },
    'Sum.',
    1000,
  );
  const small = { ...job, parts: ['one', 'two', 'three'], count: 3 };
  const p = (index: number) => ({ job: 'j', index, count: 3 });

  it('goes part by part, then asks for the final summary with every part summary', () => {
    const c = conversation(small);
    expect(nextPageStep(c, [], 'en')).toMatchObject({
      kind: 'send',
      input: { part: p(1), context: { text: 'one' } },
    });
    const path = [message('user', 'q1', p(1)), message('assistant', 'S1', p(1))];
    expect(nextPageStep(c, path, 'en')).toMatchObject({
      input: { part: p(2), context: { text: 'two' } },
    });
    path.push(message('user', 'q2', p(2)), message('assistant', 'S2', p(2)));
    path.push(message('user', 'q3', p(3)), message('assistant', 'S3', p(3)));
    const final = nextPageStep(c, path, 'en');
    expect(final).toMatchObject({ kind: 'send', input: { part: p(0) } });
    if (final?.kind === 'send')
      for (const s of ['S1', 'S2', 'S3']) expect(final.input.text).toContain(s);
    path.push(message('user', 'qf', p(0)), message('assistant', 'F', p(0)));
    expect(nextPageStep(c, path, 'en')).toEqual({ kind: 'done' });
  });

  it('waits on a stopped part; a conversation without a job has no step', () => {
    const stopped = message('assistant', 'S', p(1), 'interrupted');
    expect(nextPageStep(conversation(small), [message('user', 'q', p(1)), stopped], 'en')).toEqual({
      kind: 'blocked',
      message: stopped,
    });
    expect(nextPageStep(conversation(), [], 'en')).toBeNull();
  });

  it('later questions carry the final summary turn, not the parts', () => {
    const path = [
      message('user', 'part one', p(1)),
      message('assistant', 'S1', p(1)),
      message('user', 'join', p(0)),
      message('assistant', 'Final', p(0)),
      message('user', 'And then?'),
    ];
    const sent = buildHistory(conversation(small), path, 'en').map((m) => m.content);
    expect(sent).toEqual([expect.stringMatching(/^join/), 'Final', 'And then?']);
  });
});

describe('the words of a long video or PDF', () => {
  const job = (source?: 'video' | 'pdf') => ({
    ...newJob(
      'j',
      { title: 'T', url: 'https://t.example/', text: 'x', ...(source ? { source } : {}) },
      'Sum.',
      1000,
    ),
    parts: ['one', 'two'],
    count: 2,
  });
  const p = (index: number) => ({ job: 'j', index, count: 2 });
  const done = [
    message('user', 'q1', p(1)),
    message('assistant', 'S1', p(1)),
    message('user', 'q2', p(2)),
    message('assistant', 'S2', p(2)),
  ];
  const said = (source: 'video' | 'pdf' | undefined, language: 'en' | 'ru') => {
    const c = conversation(job(source));
    const first = nextPageStep(c, [], language);
    const final = nextPageStep(c, done, language);
    if (first?.kind !== 'send' || final?.kind !== 'send') throw new Error('no step');
    return { part: first.input.text, final: final.input.text, context: first.input.context };
  };

  it('a video says video (its transcript), in English and Russian, and keeps saying it', () => {
    const en = said('video', 'en');
    expect(en.part).toBe(
      "Summarize part 1 of 2 of this video's transcript. Keep its facts, names, numbers and timestamps; it will be joined with the summaries of the other parts.",
    );
    expect(en.final).toContain('Write one summary of the whole video from them.');
    expect(`${en.part} ${en.final}`).not.toMatch(/\bpage\b/);
    // The parts carry the source on, so a resumed job (a restarted worker) says video too.
    expect(en.context).toMatchObject({ source: 'video' });
    const ru = said('video', 'ru');
    expect(ru.part).toContain('часть 1 из 2 расшифровки этого видео');
    expect(ru.final).toContain('одно краткое изложение всего видео');
    expect(`${ru.part} ${ru.final}`).not.toMatch(/страниц/);
  });

  it('a PDF says PDF and keeps its page numbers; a web page still says page', () => {
    const pdf = said('pdf', 'en');
    expect(pdf.part).toContain('part 1 of 2 of this PDF');
    expect(pdf.part).toContain('page numbers');
    expect(pdf.final).toContain('whole PDF');
    expect(said('pdf', 'ru').final).toContain('всего PDF');
    const page = said(undefined, 'en');
    expect(page.part).toContain('part 1 of 2 of this page');
    expect(page.final).toContain('whole page');
    expect(page.context).not.toHaveProperty('source');
  });
});
