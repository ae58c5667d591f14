/**
 * Our deterministic echo model behind the real plugin: it stands in for api.openai.com (1.9.18
 * and 1.8.79, routed by the must-use plugin), Azure OpenAI, and AIPKit's `POST /v1/responses`.
 * Every answer is `ECHO[n=<messages received>]: <last user message>`, then a paragraph with
 * double quotes and a fenced code block, in 10 pieces (as the captures in ../shared/captures
 * show). Triggers in the last user message: TRIGGER_429, TRIGGER_401, TRIGGER_500 (error JSON),
 * TRIGGER_DROP (3 pieces, then the socket is reset), TRIGGER_SLOW (20 pieces, 400 ms apart),
 * TRIGGER_DOWN (socket closed at once). Each request is logged as one JSON line, with what the
 * model saw (`messages`, `last`), so tests can assert it.
 */
import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const ECHO_CODE = 'console.log("hello from the echo model");';
export const TRIGGERS = [
  'TRIGGER_429',
  'TRIGGER_401',
  'TRIGGER_500',
  'TRIGGER_DROP',
  'TRIGGER_SLOW',
  'TRIGGER_DOWN',
] as const;
type Trigger = (typeof TRIGGERS)[number];
type Route = 'chat' | 'completions' | 'responses';

/** One message as the model received it (role + flattened text). */
export interface SeenMessage {
  role: string;
  content: string;
}

/** One line of the model's log. */
export interface ModelLogEntry {
  seq: number;
  path: string;
  route: Route | null;
  stream: boolean;
  trigger: Trigger | null;
  messages: SeenMessage[];
  last: string;
}

export function echoAnswer(n: number, last: string): string {
  return (
    `ECHO[n=${n}]: ${last}\n\nThis is the "echo model" speaking. It quotes "double quotes" on purpose.\n\n` +
    `\`\`\`js\n${ECHO_CODE}\n\`\`\`\n`
  );
}

function pieces(text: string, count: number): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / count));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function flatten(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((part: unknown) => {
        if (typeof part === 'string') return part;
        const p = part as { text?: unknown } | null;
        return typeof p?.text === 'string' ? p.text : '';
      })
      .join('');
  return content == null ? '' : JSON.stringify(content);
}

/** The conversation a request carries, whatever the API. */
function conversation(route: Route, body: Record<string, unknown>): SeenMessage[] {
  const toSeen = (list: unknown): SeenMessage[] =>
    (Array.isArray(list) ? list : [])
      .filter((m): m is { role: string; content: unknown } => typeof m?.role === 'string')
      .map((m) => ({ role: m.role, content: flatten(m.content) }));
  if (route === 'responses') {
    const input =
      typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
    const seen = toSeen(input);
    return typeof body.instructions === 'string' && body.instructions
      ? [{ role: 'system', content: body.instructions }, ...seen]
      : seen;
  }
  if (route === 'completions') {
    const prompt = Array.isArray(body.prompt) ? body.prompt.join('\n') : String(body.prompt ?? '');
    return prompt
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ role: 'user', content: line }));
  }
  return toSeen(body.messages);
}

function routeOf(method: string, path: string): Route | null {
  if (method !== 'POST') return null;
  if (/^\/v1\/chat\/completions\/?$/.test(path)) return 'chat';
  if (/^\/(?:openai\/)?deployments\/[^/]+\/chat\/completions\/?$/.test(path)) return 'chat';
  if (/^\/v1\/completions\/?$/.test(path)) return 'completions';
  if (/^\/v1\/responses\/?$/.test(path)) return 'responses';
  return null;
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  // One write: the plugin decodes an error body only when it arrives in one chunk.
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function errorReply(trigger: Trigger, model: string): [number, unknown] {
  if (trigger === 'TRIGGER_429')
    return [
      429,
      {
        error: {
          message: `Rate limit reached for ${model} in organization org-echo on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
    ];
  if (trigger === 'TRIGGER_401')
    return [
      401,
      {
        error: {
          message:
            'Incorrect API key provided: sk-echo****. You can find your API key at https://platform.openai.com/account/api-keys.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      },
    ];
  return [
    500,
    {
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      },
    },
  ];
}

interface StreamPlan {
  parts: string[];
  step: number;
  drop: boolean;
  text: string;
  model: string;
  id: string;
}

/** Writes `frames` one by one, `step` ms apart; with `drop`, resets the socket after the 3rd piece. */
async function stream(
  req: IncomingMessage,
  res: ServerResponse,
  plan: StreamPlan,
  head: string[],
  piece: (part: string) => string,
  tail: string,
): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  let closed = false;
  res.on('close', () => (closed = true));
  for (const frame of head) res.write(frame);
  for (const [i, part] of plan.parts.entries()) {
    await sleep(plan.step);
    if (closed) return;
    res.write(piece(part));
    if (plan.drop && i === 2) {
      await sleep(20);
      req.socket.destroy();
      return;
    }
  }
  await sleep(plan.step);
  if (!closed) res.end(tail);
}

function streamChat(req: IncomingMessage, res: ServerResponse, plan: StreamPlan): Promise<void> {
  const frame = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: plan.id, object: 'chat.completion.chunk', created: 1_730_000_000, model: plan.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return stream(
    req,
    res,
    plan,
    [frame({ role: 'assistant', content: '' }, null)],
    (part) => frame({ content: part }, null),
    `${frame({}, 'stop')}data: [DONE]\n\n`,
  );
}

function streamCompletions(
  req: IncomingMessage,
  res: ServerResponse,
  plan: StreamPlan,
): Promise<void> {
  const frame = (text: string, finish: string | null) =>
    `data: ${JSON.stringify({ id: plan.id, object: 'text_completion', model: plan.model, choices: [{ text, index: 0, finish_reason: finish }] })}\n\n`;
  return stream(
    req,
    res,
    plan,
    [],
    (part) => frame(part, null),
    `${frame('', 'stop')}data: [DONE]\n\n`,
  );
}

function responseObject(plan: StreamPlan, status: string, text: string | null): object {
  return {
    id: plan.id,
    object: 'response',
    created_at: 1_730_000_000,
    status,
    error: null,
    model: plan.model,
    output:
      text === null
        ? []
        : [
            {
              id: `msg_${plan.id}`,
              type: 'message',
              status: 'completed',
              role: 'assistant',
              content: [{ type: 'output_text', annotations: [], text }],
            },
          ],
    usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
  };
}

function streamResponses(
  req: IncomingMessage,
  res: ServerResponse,
  plan: StreamPlan,
): Promise<void> {
  let sequence = 0;
  const event = (type: string, payload: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...payload })}\n\n`;
  const item = { item_id: `msg_${plan.id}`, output_index: 0, content_index: 0 };
  return stream(
    req,
    res,
    plan,
    [
      event('response.created', { response: responseObject(plan, 'in_progress', null) }),
      event('response.in_progress', { response: responseObject(plan, 'in_progress', null) }),
      event('response.output_item.added', {
        output_index: 0,
        item: {
          id: item.item_id,
          type: 'message',
          status: 'in_progress',
          role: 'assistant',
          content: [],
        },
      }),
      event('response.content_part.added', { ...item, part: { type: 'output_text', text: '' } }),
    ],
    (part) => event('response.output_text.delta', { ...item, delta: part }),
    event('response.output_text.done', { ...item, text: plan.text }) +
      event('response.content_part.done', {
        ...item,
        part: { type: 'output_text', text: plan.text },
      }) +
      event('response.completed', { response: responseObject(plan, 'completed', plan.text) }),
  );
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  seq: number,
  log: (entry: ModelLogEntry) => void,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://echo').pathname;
  const route = routeOf(req.method ?? 'GET', path);
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  const messages = route && body ? conversation(route, body) : [];
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const trigger = route ? (TRIGGERS.find((t) => last.includes(t)) ?? null) : null;
  const streamed = body?.stream === true;
  log({ seq, path, route, stream: streamed, trigger, messages, last });

  if (req.method === 'GET' && /^\/v1\/models\/?$/.test(path))
    return sendJson(res, 200, {
      object: 'list',
      data: ['gpt-4o-mini', 'gpt-4o'].map((id) => ({ id, object: 'model', owned_by: 'echo' })),
    });
  if (!route) return sendJson(res, 404, { error: { message: `Unknown URL ${path}`, code: null } });
  if (!body) return sendJson(res, 400, { error: { message: 'We could not parse the JSON body.' } });
  const model = typeof body.model === 'string' ? body.model : 'gpt-4o-mini';
  if (trigger === 'TRIGGER_DOWN') {
    req.socket.destroy();
    return;
  }
  if (trigger === 'TRIGGER_429' || trigger === 'TRIGGER_401' || trigger === 'TRIGGER_500') {
    const [status, error] = errorReply(trigger, model);
    return sendJson(res, status, error);
  }
  const text = echoAnswer(messages.length, last);
  const slow = trigger === 'TRIGGER_SLOW';
  const plan: StreamPlan = {
    parts: pieces(text, slow ? 20 : 10),
    step: slow ? 400 : 120,
    drop: trigger === 'TRIGGER_DROP',
    text,
    model,
    id: `echo${String(seq).padStart(6, '0')}`,
  };
  if (route === 'responses') {
    if (streamed) return streamResponses(req, res, plan);
    return sendJson(res, 200, { ...responseObject(plan, 'completed', text), output_text: text });
  }
  if (route === 'completions') {
    if (streamed) return streamCompletions(req, res, plan);
    return sendJson(res, 200, {
      id: plan.id,
      object: 'text_completion',
      model,
      choices: [{ text, index: 0, finish_reason: 'stop' }],
    });
  }
  if (streamed) return streamChat(req, res, plan);
  if (plan.drop) {
    req.socket.destroy();
    return;
  }
  return sendJson(res, 200, {
    id: plan.id,
    object: 'chat.completion',
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: usage(body, text),
  });
}

/** Token counts of the size a real model reports (the plugin's guest quota adds them up). */
function usage(body: Record<string, unknown>, text: string) {
  const prompt = Math.max(
    1,
    Math.round(JSON.stringify(body.messages ?? body.input ?? '').length / 4),
  );
  const completion = Math.max(1, Math.round(text.length / 4));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
}

/** Starts the echo model on 127.0.0.1:`port`, appending its log to `logFile`. */
export function startEchoModel(port: number, logFile: string): Promise<Server> {
  let seq = 0;
  const log = (entry: ModelLogEntry) => {
    try {
      appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
    } catch {
      // A log that cannot be written must not break a reply.
    }
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      answer(req, res, raw, ++seq, log).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
      });
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });
}
