/**
 * GFM extras marked's lexer leaves as plain text, recognised on its tokens: alerts (a quote
 * starting "[!NOTE]" and the like) and footnotes (a reference "[^label]" in text, a definition
 * paragraph "[^label]: text"). Pure token work; render.tsx draws them.
 */
import type { Token, Tokens } from 'marked';

export const ALERT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const ALERT_MARK = /^\[!(note|tip|important|warning|caution)\][ \t]*(?:\n|$)/i;

/** The kind of a GFM alert quote and its tokens without the marker, or undefined. */
export function readAlert(
  quote: Tokens.Blockquote,
): { kind: AlertKind; tokens: Token[] } | undefined {
  const [first, ...rest] = quote.tokens;
  if (first?.type !== 'paragraph') return undefined;
  const paragraph = first as Tokens.Paragraph;
  const lead = paragraph.tokens[0];
  if (lead?.type !== 'text') return undefined;
  const match = ALERT_MARK.exec((lead as Tokens.Text).text);
  if (!match) return undefined;
  const kind = (match[1] as string).toLowerCase() as AlertKind;
  const leadText = (lead as Tokens.Text).text.slice(match[0].length);
  const inline: Token[] = [
    ...(leadText ? [{ ...lead, text: leadText, raw: leadText } as Tokens.Text] : []),
    ...paragraph.tokens.slice(1),
  ];
  // Tokens of the marked type carry `tokens` for nested inline; a bare text has none.
  if (inline.length === 1 && inline[0]?.type === 'text')
    delete (inline[0] as { tokens?: Token[] }).tokens;
  const body: Token[] = inline.length ? [{ ...paragraph, tokens: inline }, ...rest] : rest;
  return { kind, tokens: body };
}

const DEFINITION = /^\[\^([^\]\s]{1,40})\]:[ \t]*/;

/** A footnote definition paragraph: its label and its inline tokens without the label. */
export function readFootnote(
  paragraph: Tokens.Paragraph,
): { label: string; tokens: Token[] } | undefined {
  const lead = paragraph.tokens[0];
  if (lead?.type !== 'text') return undefined;
  const match = DEFINITION.exec((lead as Tokens.Text).text);
  if (!match) return undefined;
  const leadText = (lead as Tokens.Text).text.slice(match[0].length);
  return {
    label: match[1] as string,
    tokens: [
      ...(leadText ? [{ type: 'text', raw: leadText, text: leadText } as Tokens.Text] : []),
      ...paragraph.tokens.slice(1),
    ],
  };
}

/** A link definition "[^1]: word" that is really a footnote: its label and text. */
export function definitionFootnote(def: Tokens.Def): { label: string; text: string } | undefined {
  const match = /^ {0,3}\[\^([^\]\s]{1,40})\]:[ \t]*/.exec(def.raw);
  if (!match) return undefined;
  return { label: match[1] as string, text: def.raw.slice(match[0].length).trim() };
}

const REFERENCE = /\[\^([^\]\s]{1,40})\]/g;

/** Splits text at footnote references: strings and `{ label }` pieces, in order. */
export function splitReferences(text: string): Array<string | { label: string }> {
  if (!text.includes('[^')) return [text];
  const parts: Array<string | { label: string }> = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ label: match[1] as string });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A label as a safe id fragment (letters, digits, dashes only). */
export function labelId(label: string): string {
  return Array.from(label)
    .map((c) => (/[a-z0-9]/i.test(c) ? c : `-${c.codePointAt(0)?.toString(36)}`))
    .join('')
    .slice(0, 80);
}
