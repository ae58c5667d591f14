/**
 * The `chatgptt` command-line client: one message, or one turn per stdin line with the
 * conversation's history kept. Answers stream to stdout; errors go to stderr in plain words.
 * Exit status: 0 success, 1 chat error, 2 bad usage.
 */
import { createInterface } from 'node:readline';
import {
  botForModel,
  ChatError,
  ChatGptt,
  type ChatMessage,
  type ChatOptions,
  type Generation,
} from '../provider';
import { messageTooLong } from '../provider/message-limit';
import { HELP, parseCommandLine, UsageError, type CliOptions } from './args';
import { fileTokenCache, installationClientId } from './config';
import { endOnClosedStdout, startWaiting } from './output';
import { packageVersion } from './version';

type Output = (line: Record<string, unknown>) => void;

const writeJson: Output = (line) => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

interface TurnResult {
  ok: boolean;
  text: string;
}

/** One turn: streams the answer (or JSON lines) and reports the error, never throws. */
async function chatTurn(
  messages: ChatMessage[],
  cli: CliOptions,
  base: ChatOptions,
  signal: AbortSignal,
  separate = false,
): Promise<TurnResult> {
  let generation: Generation | undefined;
  let text = '';
  const waiting = cli.json ? { stop: () => undefined } : startWaiting(new URL(cli.site).host);
  try {
    const pieces = ChatGptt.createAsyncGenerator(cli.model, messages, {
      ...base,
      signal,
      onProgress: (event) => {
        if (event.type === 'tokens') generation = event.tokens.generation;
      },
    });
    for await (const piece of pieces) {
      waiting.stop();
      // Stdin mode: a blank line between one answer and the next.
      if (text === '' && separate && !cli.json) process.stdout.write('\n');
      text += piece;
      if (cli.json) writeJson({ type: 'delta', text: piece });
      else process.stdout.write(piece);
    }
    if (cli.json) writeJson({ type: 'done', text, generation: generation ?? null });
    else if (!text.endsWith('\n')) process.stdout.write('\n');
    return { ok: true, text };
  } catch (error) {
    waiting.stop();
    if (!cli.json && text !== '' && !text.endsWith('\n')) process.stdout.write('\n');
    report(error, cli.json);
    return { ok: false, text };
  }
}

/** `--list-models`: one line per bot of the site's page (JSON lines with --json). */
async function listModels(cli: CliOptions, base: ChatOptions): Promise<number> {
  try {
    const bots = await ChatGptt.listModels(cli.site, base);
    for (const bot of bots) {
      if (cli.json) writeJson({ type: 'bot', ...bot });
      else {
        const flags = [
          bot.isDefault ? 'default' : '',
          bot.streaming === true ? 'streams' : '',
          bot.imageInput === true ? 'images' : '',
          bot.webSearch === true ? 'web search' : '',
        ].filter(Boolean);
        process.stdout.write(
          `${bot.id}\t${bot.name}${flags.length ? `\t(${flags.join(', ')})` : ''}\n`,
        );
      }
    }
    if (bots.length === 0 && !cli.json) process.stderr.write('chatgptt: no chat on that page.\n');
    return bots.length === 0 ? 1 : 0;
  } catch (error) {
    report(error, cli.json);
    return 1;
  }
}

/**
 * The id of the site's bot `--model NAME` names; else the exit code: 2 (bad usage, with the
 * site's bots listed) when the site has no such bot, 1 when the site could not be read.
 */
async function chooseBot(
  cli: CliOptions,
  base: ChatOptions,
  name: string,
): Promise<string | number> {
  try {
    const bots = await ChatGptt.listModels(cli.site, base);
    const bot = botForModel(bots, name);
    if (bot !== undefined) return bot.id;
    const names = bots.map((b) => `${b.name} (${b.id})`).join(', ');
    process.stderr.write(
      `chatgptt: Unknown model "${name}". Models: ${ChatGptt.models.join(', ')}; bots of ${cli.site}: ${names || 'none'}.\nTry "chatgptt --list-models".\n`,
    );
    return 2;
  } catch (error) {
    report(error, cli.json);
    return 1;
  }
}

function report(error: unknown, json: boolean): void {
  const chatError =
    error instanceof ChatError
      ? error
      : new ChatError('protocol', error instanceof Error ? error.message : String(error));
  if (json) writeJson({ type: 'error', kind: chatError.kind, message: chatError.message });
  let line = `chatgptt: ${chatError.message}`;
  const detail = chatError.detail?.trim();
  if (detail && !chatError.message.includes(detail)) line += `\n  details: ${detail.slice(0, 300)}`;
  process.stderr.write(`${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  let cli: CliOptions;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (parsed.version) {
      process.stdout.write(`chatgptt ${packageVersion()}\n`);
      return 0;
    }
    cli = parsed.options;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`chatgptt: ${error.message}\nTry "chatgptt --help".\n`);
    return 2;
  }

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  endOnClosedStdout(() => controller.abort());
  const base: ChatOptions = {
    site: cli.site,
    clientId: installationClientId(),
    tokenCache: fileTokenCache(),
    memoryMode: cli.singlePrompt ? 'single-prompt' : 'plugin',
    ...(cli.proxy === undefined ? {} : { proxy: cli.proxy }),
    ...(cli.timeoutMs === undefined
      ? {}
      : { firstByteTimeoutMs: cli.timeoutMs, idleTimeoutMs: cli.timeoutMs }),
  };
  if (cli.listModels) return listModels(cli, base);
  if (cli.bot !== undefined) {
    const chosen = await chooseBot(cli, base, cli.bot);
    if (typeof chosen === 'number') return chosen;
    base.bot = chosen;
  }
  const system: ChatMessage[] =
    cli.system === undefined ? [] : [{ role: 'system', content: cli.system }];

  if (cli.message !== undefined) {
    const result = await chatTurn(
      [...system, { role: 'user', content: cli.message }],
      cli,
      base,
      controller.signal,
    );
    return result.ok ? 0 : 1;
  }

  // Turn mode: each stdin line is a turn; a failed turn is left out of the history.
  const history: ChatMessage[] = [...system];
  let failed = false;
  let answered = false;
  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  if (interactive) process.stderr.write('> ');
  for await (const line of lines) {
    if (controller.signal.aborted) break;
    const message = line.trim();
    const tooLong = messageTooLong(message);
    if (tooLong !== undefined) {
      report(new ChatError('protocol', tooLong), cli.json);
      failed = true;
    } else if (message !== '') {
      const turn: ChatMessage = { role: 'user', content: message };
      const result = await chatTurn([...history, turn], cli, base, controller.signal, answered);
      answered ||= result.text !== '';
      if (result.ok) history.push(turn, { role: 'assistant', content: result.text });
      else failed = true;
    }
    if (interactive) process.stderr.write('> ');
  }
  return failed ? 1 : 0;
}

const code = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`chatgptt: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
// Let stdout drain, then leave (idle keep-alive sockets must not hold the process open).
process.stdout.write('', () => process.exit(code));
