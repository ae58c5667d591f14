/**
 * Issue 16 item 1 through the real CLI against the test site: `--list-models` lists every chat
 * root of the page (G4: the shortcode and the site-wide widget; G5: the AIPKit bot), `--model
 * NAME` picks a bot by name and the request goes to that bot, an unknown name lists the bots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { runCli } from './cli-run';

describe.each(['G4', 'G5'] as const)('%s site', (generation) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation });
  });
  afterAll(async () => {
    await site.close();
  });

  it('--list-models lists the bots of the page', async () => {
    const result = await runCli(['--list-models', '--json', '--site', site.pages.shortcode]);
    expect(result.code).toBe(0);
    const bots = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; name: string; kind: string });
    if (generation === 'G4')
      expect(bots.map((b) => [b.id, b.kind])).toEqual([
        ['0', 'shortcode'],
        ['widget:0', 'widget'],
      ]);
    else expect(bots.map((b) => [b.id, b.kind])).toEqual([['5', 'aipkit']]);
  });

  it('--model NAME talks to that bot; an unknown name is bad usage listing the bots', async () => {
    const name = generation === 'G4' ? 'Widget' : '5';
    site.clearLog();
    const ok = await runCli(['--site', site.pages.shortcode, '--model', name, 'Which bot?']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Which bot?');
    const sent = site.log.find((e) => e.path === '/wp-admin/admin-ajax.php' && e.method === 'POST');
    if (generation === 'G4') expect(sent?.form['chatbot_identity']).toMatch(/^widget/);
    else expect(sent?.form['bot_id']).toBe('5');
    const bad = await runCli(['--site', site.pages.shortcode, '--model', 'gpt-9', 'hi']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/Unknown model "gpt-9"/);
    expect(bad.stderr).toContain(generation === 'G4' ? 'Widget (widget:0)' : '(5)');
  });

  it('the multi-bot page: every bot listed, each answering with its own model', async () => {
    const result = await runCli(['--list-models', '--json', '--site', site.pages.bots]);
    expect(result.code).toBe(0);
    const bots = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; name: string });
    if (generation === 'G4')
      expect(bots.map((b) => [b.id, b.name])).toEqual([
        ['7', 'Bot 7'],
        ['8', 'Bot 8'],
        ['widget:0', 'Widget'],
      ]);
    else
      expect(bots.map((b) => [b.id, b.name])).toEqual([
        ['11', 'GPT-4o mini'],
        ['12', 'GPT-5 nano'],
        ['13', 'Gemini 2.5 Flash'],
      ]);
    // The original provider's names land on the bot of that name, else on the page's first.
    const name = generation === 'G4' ? '8' : 'GPT-5 nano';
    const picked = await runCli(['--site', site.pages.bots, '--model', name, 'Which model?']);
    expect(picked.code).toBe(0);
    expect(picked.stdout).toContain('[model=gpt-5-nano]');
    const mapped = await runCli(['--site', site.pages.bots, '--model', 'gpt-4o-mini', 'And now?']);
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain(generation === 'G4' ? '[model=gpt-4o]' : '[model=gpt-4o-mini]');
  });
});
