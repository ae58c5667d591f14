/**
 * Markdown tokens (from marked's lexer) → Preact vnodes. Model output is untrusted: nothing
 * here sets innerHTML, raw HTML tokens are shown as text, only http(s)/mailto links become
 * clickable, and images are never loaded (they become a link to the picture).
 */
import type { ComponentChildren, VNode } from 'preact';
import type { Token, Tokens } from 'marked';
import { t } from '../../shared/i18n';
import { CodeBlock } from './CodeBlock';
import { decodeEntities } from '../../provider/entities';
import { safeHref } from './safe-url';

type Align = 'center' | 'left' | 'right' | null;

export function renderBlock(token: Token, open: boolean): VNode | null {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'code': {
      const code = token as Tokens.Code;
      return <CodeBlock code={code.text} lang={code.lang ?? ''} complete={!open} />;
    }
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(Math.max(heading.depth, 1), 6)}` as 'h1';
      return <Tag class="md-heading">{renderInline(heading.tokens)}</Tag>;
    }
    case 'paragraph':
      return <p>{renderInline((token as Tokens.Paragraph).tokens)}</p>;
    case 'hr':
      return <hr />;
    case 'blockquote':
      return <blockquote>{renderBlocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case 'list':
      return renderList(token as Tokens.List);
    case 'table':
      return renderTable(token as Tokens.Table);
    case 'html':
      // Raw HTML from the model is shown, never interpreted.
      return <p class="md-raw">{(token as Tokens.HTML).text}</p>;
    case 'text': {
      const text = token as Tokens.Text;
      return <p>{text.tokens ? renderInline(text.tokens) : decodeEntities(text.text)}</p>;
    }
    default:
      return <p>{token.raw}</p>;
  }
}

function renderBlocks(tokens: Token[]): ComponentChildren {
  return tokens.map((token) => renderBlock(token, false));
}

function renderList(list: Tokens.List): VNode {
  const items = list.items.map((item) => (
    <li class={item.task ? 'md-task' : undefined}>{renderListItem(item, list.loose)}</li>
  ));
  if (list.ordered) {
    const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined;
    return <ol start={start}>{items}</ol>;
  }
  return <ul>{items}</ul>;
}

function renderListItem(item: Tokens.ListItem, loose: boolean): ComponentChildren {
  return item.tokens.map((token) => {
    if (token.type === 'checkbox') {
      const box = token as Tokens.Checkbox;
      return <input type="checkbox" checked={box.checked} disabled aria-label={t('ui_md_task')} />;
    }
    // Tight list items hold bare text tokens: render them inline, not as paragraphs.
    if (token.type === 'text' && !loose) {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens) : decodeEntities(text.text);
    }
    return renderBlock(token, false);
  });
}

function renderTable(table: Tokens.Table): VNode {
  const cell = (c: Tokens.TableCell, Tag: 'th' | 'td', align: Align) => (
    <Tag style={align ? { textAlign: align } : undefined}>{renderInline(c.tokens)}</Tag>
  );
  return (
    <div class="md-table-wrap">
      <table>
        <thead>
          <tr>{table.header.map((c, i) => cell(c, 'th', table.align[i] ?? null))}</tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>{row.map((c, i) => cell(c, 'td', table.align[i] ?? null))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function renderInline(tokens: Token[] | undefined): ComponentChildren {
  if (!tokens) return null;
  return tokens.map(renderInlineToken);
}

function renderInlineToken(token: Token): ComponentChildren {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens) : decodeEntities(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return <strong>{renderInline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em>{renderInline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del>{renderInline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code>{decodeEntities((token as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const children = renderInline(link.tokens);
      if (!href) return <span class="md-unsafe-link">{children}</span>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer" title={link.title ?? undefined}>
          {children}
        </a>
      );
    }
    case 'image': {
      // Pictures are not loaded (tracking, mixed content): offer them as a link instead.
      const image = token as Tokens.Image;
      const href = safeHref(image.href);
      const label = t('ui_md_image', image.text || image.href);
      return href ? (
        <a class="md-image" href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        <span class="md-image">{label}</span>
      );
    }
    case 'html':
      return (token as Tokens.HTML).text;
    default:
      return token.raw;
  }
}
