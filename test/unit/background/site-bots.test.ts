/** The worker's directory of each site's bots: read once, kept, and mapped from the model names. */
import { describe, expect, it } from 'vitest';
import { SiteBotDirectory } from '../../../src/background/site-bots';
import type { BotChoice } from '../../../src/provider';

const CHOICE: BotChoice = {
  modelChoice: false,
  bots: [
    { id: '11', name: 'GPT-5 nano', kind: 'aipkit', isDefault: true },
    { id: '12', name: 'GPT-4o mini', kind: 'aipkit', isDefault: false },
  ],
};

describe('SiteBotDirectory', () => {
  it('reads a site once for concurrent asks, maps the original model names, keeps it 10 minutes', async () => {
    let reads = 0;
    let now = 0;
    const directory = new SiteBotDirectory({
      read: async () => {
        reads++;
        return CHOICE;
      },
      now: () => now,
    });
    const [a, b] = await Promise.all([
      directory.list('https://s.example/'),
      directory.list('https://S.example'),
    ]);
    expect(reads).toBe(1);
    expect(a).toBe(b);
    expect(a.byModel).toEqual({ 'gpt-4o-mini': '12', 'gpt-4o': '11', 'gpt-4': '11' });
    expect(directory.known('https://s.example')?.bots).toHaveLength(2);
    await directory.list('https://s.example/', true);
    expect(reads).toBe(2);
    now += 11 * 60_000;
    expect(directory.known('https://s.example/')).toBeUndefined();
  });
});
