/**
 * A fenced code block: plain while it streams, highlighted once complete and near the view
 * (near-view.ts: off-screen blocks of a long conversation wait), with a Copy button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { CopyButton } from '../CopyButton';
import { useT } from '../i18n-context';
import { highlight } from './highlight';
import { hastToVnodes } from './hast-vnodes';
import { whenNearView } from './near-view';

interface Props {
  code: string;
  lang: string;
  complete: boolean;
}

export function CodeBlock({ code, lang, complete }: Props) {
  const { t } = useT();
  const [highlighted, setHighlighted] = useState<ComponentChildren | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setHighlighted(null);
    const el = box.current;
    if (!complete || !el) return;
    let alive = true;
    const cancel = whenNearView(el, () => {
      highlight(code, lang).then(
        (tree) => {
          if (alive && tree) setHighlighted(hastToVnodes(tree));
        },
        () => undefined, // a grammar that fails to load leaves the block plain
      );
    });
    return () => {
      alive = false;
      cancel();
    };
  }, [code, lang, complete]);
  const language = lang.trim().split(/\s+/)[0] ?? '';
  return (
    <div class="md-code" ref={box}>
      <div class="md-code-bar">
        <span class="md-code-lang">{language || t('ui_code')}</span>
        <CopyButton text={() => code} label={t('ui_copy_code')} plain />
      </div>
      <pre tabIndex={0} aria-label={t('ui_code_block', language || t('ui_code'))}>
        <code
          class={highlighted ? 'hljs' : undefined}
          data-highlighted={highlighted ? 'true' : undefined}
        >
          {highlighted ?? code}
        </code>
      </pre>
    </div>
  );
}
