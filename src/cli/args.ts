/** The command line of `chatgptt`: parsing and validation, nothing else. */
import { parseArgs } from 'node:util';
import { ChatGptt, normalizeSite } from '../provider';

export interface CliOptions {
  site: string;
  model: string;
  system: string | undefined;
  proxy: string | undefined;
  singlePrompt: boolean;
  timeoutMs: number | undefined;
  json: boolean;
  /** The message; undefined means "read turns from stdin". */
  message: string | undefined;
}

export type Parsed = { help: true } | { help: false; options: CliOptions };

/** Bad usage: exit code 2, with the message on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommandLine(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        site: { type: 'string' },
        model: { type: 'string' },
        system: { type: 'string' },
        proxy: { type: 'string' },
        'single-prompt': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };

  let site: string;
  try {
    site = normalizeSite(values.site ?? ChatGptt.url);
  } catch {
    throw new UsageError(
      `--site needs the web address of a page with the chat, not "${values.site}".`,
    );
  }
  let model: string;
  try {
    model = ChatGptt.getModel(values.model);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new UsageError(`--timeout needs a number of seconds above 0, not "${values.timeout}".`);
    timeoutMs = Math.round(seconds * 1000);
  }
  if (values.proxy !== undefined && !/^https?:\/\/[^\s/]+/i.test(values.proxy))
    throw new UsageError(
      `--proxy needs an address like http://127.0.0.1:8080, not "${values.proxy}".`,
    );
  const message = positionals.length > 0 ? positionals.join(' ') : undefined;
  if (message !== undefined && message.trim() === '') throw new UsageError('The message is empty.');
  return {
    help: false,
    options: {
      site,
      model,
      system: values.system,
      proxy: values.proxy,
      singlePrompt: values['single-prompt'] ?? false,
      timeoutMs,
      json: values.json ?? false,
      message,
    },
  };
}

export const HELP = `Usage: chatgptt [options] [MESSAGE]

Chat with the free GPT chat of chatgptt.me, or of any site running the AI Power (wpaicg)
WordPress plugin, from the command line.

With MESSAGE, the answer is streamed to stdout as it arrives.
Without MESSAGE, every line of stdin is one turn of the same conversation (history kept),
and the answers are printed in order.

Options:
  --site URL         The page that hosts the chat (default https://chatgptt.me).
  --model M          gpt-4, gpt-4o (default) or gpt-4o-mini. The site decides the model,
                     except on plugin versions up to 1.8.90, which honour the choice.
  --system TEXT      A system message, sent in front of every message.
  --proxy URL        Send the site's requests through an HTTP proxy (CONNECT for https),
                     e.g. http://127.0.0.1:8080.
  --single-prompt    Send the whole conversation as one prompt instead of the site's memory.
  --timeout S        Seconds to wait for the first byte of an answer, and the most silence
                     allowed between its pieces (default 30 for both).
  --json             One JSON object per line on stdout:
                       {"type":"delta","text":…}
                       {"type":"done","text":…,"generation":…}
                       {"type":"error","kind":…,"message":…}
  -h, --help         Show this help.

Errors are printed to stderr in plain words.
Exit status: 0 on success, 1 on a chat error, 2 on bad usage.

The client id (the site's guest quota bucket) is kept per installation in
$XDG_CONFIG_HOME/chatgptt (or ~/.config/chatgptt; %APPDATA%\\chatgptt on Windows),
with the chat tokens of each site. CHATGPTT_CONFIG_DIR chooses another folder.
`;
