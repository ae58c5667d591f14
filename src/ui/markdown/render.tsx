/**
 * Markdown tokens (from marked's lexer) → Preact vnodes. Model output is untrusted: nothing
 * here sets innerHTML, raw HTML tokens are shown as text, only http(s)/mailto links become
 * clickable, images are never loaded (they become a link to the picture), a link whose text
 * names another host shows the real one, and structure nested deeper than MAX_RENDER_DEPTH is
 * shown as its source text (a deep tree overflows the stack of the browser and of Preact).
 */
import type { ComponentChildren, VNode } from 'preact';
import type { MarkedToken, Token, Tokens } from 'marked';
import { useT } from '../i18n-context';
import { CodeBlock } from './CodeBlock';
import { decodeEntities } from '../../provider/entities';
import { MAX_RENDER_DEPTH } from './bounds';
import { containerDir } from './direction';
import { definitionFootnote, labelId, readAlert, readFootnote, splitReferences } from './extras';
import { ensureInline } from './lex';
import { LinkHost } from './LinkHost';
import { MathView } from './MathView';
import type { MathToken } from './math-syntax';
import { safeHref } from './safe-url';

type Align = 'center' | 'left' | 'right' | null;

/**
 * The tokens this renderer meets: marked's own and our math extension's. marked types every
 * token as maybe an extension's `Generic` (any `type` string), which no switch can narrow; our
 * lexer adds only math, so this is the one place that says so, and each case below is typed.
 */
type KnownToken = MarkedToken | MathToken;
const known = (token: Token): KnownToken => token as KnownToken;

/**
 * Prefix of the footnote ids of the message being rendered, so two answers' "[^1]" never share
 * an id. Set for the duration of one synchronous renderTopBlock call.
 */
let scope = 'md';

/** A top-level block: does its owed inline lexing, then renders it. */
export function renderTopBlock(token: Token, open: boolean, idScope = 'md'): VNode | null {
  ensureInline(token);
  const before = scope;
  scope = idScope;
  try {
    return renderBlock(token, open, 0);
  } finally {
    scope = before;
  }
}

export function renderBlock(token: Token, open: boolean, depth: number): VNode | null {
  if (MAX_RENDER_DEPTH < depth)
    return (
      <p class="md-raw" dir="auto">
        {token.raw}
      </p>
    );
  const d = depth + 1;
  const node = known(token);
  switch (node.type) {
    case 'space':
      return null;
    case 'def': {
      // "[^1]: word" is also a valid link definition: marked takes it as one. Still a footnote.
      const note = definitionFootnote(node);
      return note ? renderFootnote(note.label, note.text) : null;
    }
    case 'code':
      return <CodeBlock code={node.text} lang={node.lang ?? ''} complete={!open} />;
    case 'heading': {
      const Tag = `h${Math.min(Math.max(node.depth, 1), 6)}` as 'h1';
      return (
        <Tag class="md-heading" dir="auto">
          {renderInline(node.tokens, d)}
        </Tag>
      );
    }
    case 'paragraph':
      return renderParagraph(node, d);
    case 'hr':
      return <hr />;
    case 'math':
      return <MathView tex={node.text} display />;
    case 'blockquote':
      return renderQuote(node, d);
    case 'list':
      return renderList(node, d);
    case 'table':
      return renderTable(node, d);
    case 'html':
      // Raw HTML from the model is shown, never interpreted.
      return (
        <p class="md-raw" dir="auto">
          {node.text}
        </p>
      );
    case 'text':
      return (
        <p dir="auto">
          {node.tokens ? renderInline(node.tokens, d) : withReferences(decodeEntities(node.text))}
        </p>
      );
    default:
      return <p>{token.raw}</p>;
  }
}

function renderBlocks(tokens: Token[], depth: number): ComponentChildren {
  return tokens.map((token) => renderBlock(token, false, depth));
}

function renderParagraph(paragraph: Tokens.Paragraph, depth: number): VNode {
  const footnote = readFootnote(paragraph);
  if (!footnote) return <p dir="auto">{renderInline(paragraph.tokens, depth)}</p>;
  return renderFootnote(footnote.label, renderInline(footnote.tokens, depth));
}

/** A footnote's note: its label, its text, and a link back to where it is referenced. */
function renderFootnote(label: string, body: ComponentChildren): VNode {
  const id = labelId(label);
  return (
    <div class="md-footnote" id={`${scope}-fn-${id}`} dir="auto">
      <span class="md-footnote-label">{label}</span> {body}{' '}
      <FootnoteBack href={`#${scope}-fnref-${id}`} label={label} />
    </div>
  );
}

// The few words the rendered Markdown says itself, as components: they take the view's language
// from its context (the render functions here are plain functions, called outside any hook).
function FootnoteBack({ href, label }: { href: string; label: string }) {
  const { t } = useT();
  return (
    <a class="md-footnote-back" href={href} aria-label={t('ui_md_footnote_back', label)}>
      ↩
    </a>
  );
}

function AlertTitle({ kind }: { kind: string }) {
  const { t } = useT();
  return <p class="md-alert-title">{t(`ui_md_alert_${kind}`)}</p>;
}

function TaskBox({ checked }: { checked: boolean }) {
  const { t } = useT();
  return <input type="checkbox" checked={checked} disabled aria-label={t('ui_md_task')} />;
}

/** The wrapper scrolls sideways (a focusable region, so the keyboard can scroll it too). */
function TableRegion({ children }: { children: ComponentChildren }) {
  const { t } = useT();
  return (
    <div class="md-table-wrap" tabIndex={0} role="region" aria-label={t('ui_md_table')}>
      {children}
    </div>
  );
}

/** Pictures are not loaded (tracking, mixed content): offered as a link instead. */
function ImageLink({ href, text }: { href: string | null; text: string }) {
  const { t } = useT();
  const label = t('ui_md_image', text);
  return href ? (
    <a class="md-image" href={href} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  ) : (
    <span class="md-image">{label}</span>
  );
}

function renderQuote(quote: Tokens.Blockquote, depth: number): VNode {
  const dir = containerDir(quote.text);
  const alert = readAlert(quote);
  if (!alert) return <blockquote dir={dir}>{renderBlocks(quote.tokens, depth)}</blockquote>;
  return (
    <div class={`md-alert md-alert-${alert.kind}`} role="note" dir={dir}>
      <AlertTitle kind={alert.kind} />
      {renderBlocks(alert.tokens, depth)}
    </div>
  );
}

function renderList(list: Tokens.List, depth: number): VNode {
  const items = list.items.map((item) => (
    <li class={item.task ? 'md-task' : undefined} dir="auto">
      {renderListItem(item, list.loose, depth)}
    </li>
  ));
  const dir = containerDir(list.raw.replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/gm, ''));
  if (list.ordered) {
    const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined;
    return (
      <ol start={start} dir={dir}>
        {items}
      </ol>
    );
  }
  return <ul dir={dir}>{items}</ul>;
}

function renderListItem(item: Tokens.ListItem, loose: boolean, depth: number): ComponentChildren {
  return item.tokens.map((token) => {
    const node = known(token);
    if (node.type === 'checkbox') {
      return <TaskBox checked={node.checked} />;
    }
    // Tight list items hold bare text tokens: render them inline, not as paragraphs.
    if (node.type === 'text' && !loose) {
      return node.tokens
        ? renderInline(node.tokens, depth)
        : withReferences(decodeEntities(node.text));
    }
    return renderBlock(token, false, depth);
  });
}

function renderTable(table: Tokens.Table, depth: number): VNode {
  const cell = (c: Tokens.TableCell, Tag: 'th' | 'td', align: Align) => (
    <Tag style={align ? { textAlign: align } : undefined} dir="auto">
      {renderInline(c.tokens, depth)}
    </Tag>
  );
  return (
    <TableRegion>
      <table dir={containerDir(table.header.map((c) => c.text).join(' '))}>
        <thead>
          <tr>{table.header.map((c, i) => cell(c, 'th', table.align[i] ?? null))}</tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>{row.map((c, i) => cell(c, 'td', table.align[i] ?? null))}</tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export function renderInline(tokens: Token[] | undefined, depth: number): ComponentChildren {
  if (!tokens) return null;
  return tokens.map((token) => renderInlineToken(token, depth));
}

function renderInlineToken(token: Token, depth: number): ComponentChildren {
  if (MAX_RENDER_DEPTH < depth) return token.raw;
  const d = depth + 1;
  const node = known(token);
  switch (node.type) {
    case 'text':
      return node.tokens ? renderInline(node.tokens, d) : withReferences(decodeEntities(node.text));
    case 'escape':
      return node.text;
    case 'strong':
      return <strong>{renderInline(node.tokens, d)}</strong>;
    case 'em':
      return <em>{renderInline(node.tokens, d)}</em>;
    case 'del':
      return <del>{renderInline(node.tokens, d)}</del>;
    case 'codespan':
      return <code>{decodeEntities(node.text)}</code>;
    case 'br':
      return <br />;
    case 'math':
      return <MathView tex={node.text} display={node.display} />;
    case 'link': {
      const link = node;
      // "[^1]" matched to a "[^1]: word" definition: a footnote reference, not a link.
      if (/^\[\^[^\]\s]{1,40}\]$/.test(link.raw)) return withReferences(link.raw);
      const href = safeHref(link.href);
      const children = renderInline(link.tokens, d);
      if (!href) return <span class="md-unsafe-link">{children}</span>;
      return (
        <>
          <a href={href} target="_blank" rel="noopener noreferrer" title={link.title ?? undefined}>
            {children}
          </a>
          <LinkHost text={link.text} href={href} />
        </>
      );
    }
    case 'image': {
      return <ImageLink href={safeHref(node.href)} text={node.text || node.href} />;
    }
    case 'html':
      return node.text;
    default:
      return token.raw;
  }
}

/** Text with its footnote references ("[^1]") as superscript links to the definition. */
function withReferences(text: string): ComponentChildren {
  const parts = splitReferences(text);
  if (parts.length === 1 && typeof parts[0] === 'string') return text;
  return parts.map((part) => {
    if (typeof part === 'string') return part;
    const id = labelId(part.label);
    return (
      <sup class="md-fnref">
        <a id={`${scope}-fnref-${id}`} href={`#${scope}-fn-${id}`}>
          {part.label}
        </a>
      </sup>
    );
  });
}
