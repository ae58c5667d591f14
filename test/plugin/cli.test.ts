/**
 * The real `chatgptt` binary (bin/chatgptt.js → dist/, as npm installs it), spawned against the
 * real plugin: one answer per site kind, a 3-turn stdin conversation, and the failures a user
 * meets on the command line (the cut stream, an entity in an error text, a refusal).
 */
import { describe, expect, it } from 'vitest';
import { runNode } from '../integration/cli-run';
import { local, marker, modelSaw, runs, siteUrl } from './tier';

const A = siteUrl('a');
const C = siteUrl('c');
const bin = (args: string[], stdin?: string) =>
  runNode(['bin/chatgptt.js', ...args], { timeoutMs: 60_000, stdin });

interface JsonLine {
  type: string;
  text?: string;
  kind?: string;
  message?: string;
}
const lines = (stdout: string): JsonLine[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JsonLine);

describe('the chatgptt binary against the real plugin', () => {
  for (const [name, page, label] of [
    ['a', '/', 'G4 shortcode'],
    ['a', '/plain/', 'G4 JSON bot'],
    ['b', '/', 'AIPKit inline bot'],
    ['b', '/popup/', 'AIPKit popup bot'],
    ['c', '/', 'G2 shortcode'],
  ] as const)
    it.runIf(runs(`CLI on ${label}`, { site: name }))(`answers on the ${label}`, async () => {
      const word = marker('cli');
      const result = await bin(['--site', `${siteUrl(name)}${page}`, `Hello ${word}`]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^ECHO\\[n=2\\]: Hello ${word}\\n`));
      expect(result.stdout).toContain('console.log("hello from the echo model");');
    });

  it.runIf(runs('CLI 3-turn memory', { site: 'a' }))(
    'keeps a 3-turn stdin conversation with quotes (the model sees all of it)',
    async () => {
      const word = marker('clim');
      const said = [`One ${word} "a"`, `Two ${word} "b"`, `Three ${word} "c"`];
      const result = await bin(['--site', `${A}/`, '--json'], `${said.join('\n')}\n`);
      expect(result.code).toBe(0);
      const done = lines(result.stdout).filter((l) => l.type === 'done');
      expect(done.map((l) => /^ECHO\[n=(\d+)\]/.exec(l.text ?? '')?.[1])).toEqual(['2', '4', '6']);
      expect(done[2]?.text).toContain(`Three ${word} "c"`);
      if (local) expect(modelSaw(`Three ${word}`)[0]?.messages).toHaveLength(6);
    },
  );

  it.runIf(runs('CLI cut stream', { site: 'a' }))(
    '--json: a dropped stream prints its pieces, then {"type":"error","kind":"cut"}, exit 1',
    async () => {
      const result = await bin(['--site', `${A}/`, '--json', 'TRIGGER_DROP']);
      const out = lines(result.stdout);
      expect(
        out
          .filter((l) => l.type === 'delta')
          .map((l) => l.text)
          .join(''),
      ).toMatch(/^ECHO\[n=2\]: TRIGGER_DROP/);
      expect(out.at(-1)).toMatchObject({ type: 'error', kind: 'cut' });
      expect(out.some((l) => l.type === 'done')).toBe(false);
      expect(result.code).toBe(1);
    },
  );

  it.runIf(runs('CLI entity decoding', { site: 'a' }))(
    "an error text with &#039; reads Couldn't on stderr",
    async () => {
      const result = await bin(['--site', `${A}/plain/`, 'TRIGGER_UNREACHABLE now']);
      expect(result.code).toBe(1);
      // The first line is what the user reads; a `details:` line may quote the raw reply.
      const said = result.stderr.split('\n')[0];
      expect(said).toContain("Couldn't connect to server");
      expect(said).not.toContain('&#039;');
    },
  );

  it.runIf(runs('CLI G2 quote', { site: 'c' }))(
    'a " typed on 1.8.79 reaches the model as the site\'s own chat sends it, not \\"',
    async () => {
      const result = await bin(['--site', `${C}/`, 'She said "yes"']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^ECHO\[n=2\]: She said &quot;yes&quot;\n/);
    },
  );
});
