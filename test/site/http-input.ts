// Reading a request the way PHP does: the raw body, and $_POST from form bodies only.
import type { IncomingMessage } from 'node:http';

const MAX_BODY = 30 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** What PHP would put in $_POST: urlencoded and multipart bodies only (never JSON). Files become a note. */
export async function parseForm(
  body: Buffer,
  contentType: string | undefined,
): Promise<Record<string, string>> {
  const type = (contentType ?? '').toLowerCase();
  const isForm =
    type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
  if (!isForm) return {};
  const out: Record<string, string> = {};
  try {
    const data = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType ?? '' },
    }).formData();
    for (const [k, v] of data)
      out[k] = typeof v === 'string' ? v : `[file ${v.name}, ${v.size} bytes]`;
  } catch {
    // PHP silently ignores a malformed body.
  }
  return out;
}
