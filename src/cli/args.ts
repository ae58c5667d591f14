/** The command line of `chatgptt`: parsing and validation, nothing else. */
import { ChatGptt, normalizeSite } from '../provider';
import { MESSAGE_LIMIT, messageTooLong } from '../provider/message-limit';

export interface CliOptions {
  site: string;
  model: string;
  system: string | undefined;
  proxy: string | undefined;
  singlePrompt: boolean;
  timeoutMs: number | undefined;
  json: boolean;
  /** `--list-models`: print the site's bots and exit. */
  listModels: boolean;
  /** `--model NAME` that is not one of the original names: a bot of the site, by name or id. */
  bot: string | undefined;
  /** The message; undefined means "read turns from stdin". */
  message: string | undefined;
}

export type Parsed =
  | { help: true; version?: false }
  | { help: false; version: true }
  | { help: false; version?: false; options: CliOptions };

/** Bad usage: exit code 2, with the message on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const VALUE_OPTIONS = ['site', 'model', 'system', 'proxy', 'timeout'] as const;
const FLAG_OPTIONS = ['single-prompt', 'json', 'help', 'version', 'list-models'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
type FlagOption = (typeof FLAG_OPTIONS)[number];

const isValueOption = (name: string): name is ValueOption =>
  (VALUE_OPTIONS as readonly string[]).includes(name);
const isFlagOption = (name: string): name is FlagOption =>
  (FLAG_OPTIONS as readonly string[]).includes(name);

const EXAMPLE: Record<ValueOption, string> = {
  site: '--site https://example.org/chat/',
  model: '--model gpt-4o-mini',
  system: '--system "Be brief."',
  proxy: '--proxy http://127.0.0.1:8080',
  timeout: '--timeout 60',
};

/**
 * Our own option reader instead of util.parseArgs: a value such as `-5` is the value of the
 * option before it (parseArgs calls it "ambiguous"), and every message is ours.
 */
function readArgv(argv: string[]): {
  values: Partial<Record<ValueOption, string>>;
  flags: Set<FlagOption>;
  positionals: string[];
} {
  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<FlagOption>();
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-')
        throw new UsageError(
          `Unknown option "${arg}". A message that starts with "-" goes after "--": chatgptt -- "${arg}".`,
        );
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    if (isFlagOption(name)) {
      if (equals !== -1)
        throw new UsageError(`--${name} takes no value, not "${arg.slice(equals + 1)}".`);
      flags.add(name);
      continue;
    }
    if (!isValueOption(name)) throw new UsageError(`Unknown option "--${name}".`);
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      value = argv[index + 1];
      index += 1;
    }
    if (value === undefined)
      throw new UsageError(`--${name} needs a value, e.g. ${EXAMPLE[name]}.`);
    if (values[name] !== undefined) throw new UsageError(`--${name} is given twice.`);
    values[name] = value;
  }
  return { values, flags, positionals };
}

/** An http(s) address with a host: anything else is a usage error, not a network error later. */
function siteUrl(value: string | undefined): string {
  if (value === undefined) return normalizeSite(ChatGptt.url);
  const looksLike = 'a web address such as https://chatgptt.me or https://example.org/chat/';
  let url: URL | undefined;
  try {
    url = /^https?:\/\//i.test(value.trim()) ? new URL(value.trim()) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || url.hostname === '')
    throw new UsageError(
      `--site needs ${looksLike} (the page that shows the chat), not "${value}".`,
    );
  return normalizeSite(url.href);
}

/** The longest wait setTimeout can keep (beyond it Node fires at once). */
const MAX_TIMEOUT_S = 86_400;

export function parseCommandLine(argv: string[]): Parsed {
  const { values, flags, positionals } = readArgv(argv);
  if (flags.has('help')) return { help: true };
  if (flags.has('version')) return { help: false, version: true };

  const site = siteUrl(values.site);
  let model: string;
  let bot: string | undefined;
  try {
    model = ChatGptt.getModel(values.model);
  } catch {
    // Not an original model name: the name (or id) of one of the site's bots, checked once the
    // site's page is read (`--list-models` shows them).
    model = ChatGptt.getModel();
    bot = values.model?.trim();
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const text = values.timeout.trim();
    const seconds = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(seconds >= 0.1 && seconds <= MAX_TIMEOUT_S))
      throw new UsageError(
        `--timeout needs a number of seconds from 0.1 to ${MAX_TIMEOUT_S}, e.g. --timeout 60, not "${values.timeout}".`,
      );
    timeoutMs = Math.round(seconds * 1000);
  }
  if (values.proxy !== undefined) {
    let ok = false;
    try {
      const url = new URL(values.proxy);
      ok = /^https?:$/.test(url.protocol) && url.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok)
      throw new UsageError(
        `--proxy needs an address like http://127.0.0.1:8080, not "${values.proxy}".`,
      );
  }
  if (values.system !== undefined && values.system.trim() === '')
    throw new UsageError('--system needs some text, e.g. --system "Be brief."');
  const message = positionals.length > 0 ? positionals.join(' ') : undefined;
  if (message !== undefined && message.trim() === '') throw new UsageError('The message is empty.');
  if (message !== undefined) {
    const tooLong = messageTooLong(message);
    if (tooLong !== undefined) throw new UsageError(tooLong);
  }
  return {
    help: false,
    options: {
      site,
      model,
      system: values.system,
      proxy: values.proxy,
      singlePrompt: flags.has('single-prompt'),
      timeoutMs,
      json: flags.has('json'),
      listModels: flags.has('list-models'),
      bot,
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
  --model M          gpt-4, gpt-4o (default) or gpt-4o-mini, or the name or id of one of the
                     site's bots (see --list-models). The site's bot decides the model,
                     except on plugin versions up to 1.8.90, which honour the choice.
  --list-models      List the bots of the site's page (id, name, what they support).
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
  --version          Print the version.
  -h, --help         Show this help.

A message longer than ${MESSAGE_LIMIT} characters is refused before anything is sent (the same limit
the extension keeps for page text). Put "--" before a message that starts with "-".
Colours (the waiting indicator on a terminal only) are off when NO_COLOR is set.

Errors are printed to stderr in plain words.
Exit status: 0 on success, 1 on a chat error, 2 on bad usage.

The client id (the site's guest quota bucket) is kept per installation in
$XDG_CONFIG_HOME/chatgptt (or ~/.config/chatgptt; %APPDATA%\\chatgptt on Windows),
with the chat tokens of each site. CHATGPTT_CONFIG_DIR chooses another folder.
`;
