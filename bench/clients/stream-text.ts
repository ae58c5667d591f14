/**
 * The least a client must do to read a reply's text: JSON `data`, or the `data:` lines of an SSE
 * body (choices[0].delta.content / text). Shared by the "original flow" and "floor" clients so the
 * only difference between them is what the benchmark compares: fetching tokens on every message.
 */

interface Chunk {
  choices?: Array<{ delta?: { content?: string }; text?: string }>;
}

/** Yields text pieces as they arrive; an HTTP or JSON error becomes an exception. */
export async function* replyText(response: Response): AsyncGenerator<string> {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    const json = (await response.json()) as { status?: string; data?: string; msg?: string };
    if (json.status !== 'success' || typeof json.data !== 'string')
      throw new Error(json.msg ?? 'error');
    yield json.data;
    return;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  const pieces = (lines: string[]): string[] => {
    const out: string[] = [];
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!line.startsWith('data: ')) continue;
      const data = line.slice(6);
      if (data === '[DONE]') continue;
      try {
        const choice = (JSON.parse(data) as Chunk).choices?.[0];
        const piece = choice?.delta?.content ?? choice?.text;
        if (piece) out.push(piece);
      } catch {
        // the official JS skips unreadable lines too
      }
    }
    return out;
  };
  if (response.body === null) return;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    const newline = buffer.lastIndexOf('\n');
    if (newline < 0) continue;
    const lines = buffer.slice(0, newline).split('\n');
    buffer = buffer.slice(newline + 1);
    yield* pieces(lines);
  }
  yield* pieces([buffer + decoder.decode()]);
}
