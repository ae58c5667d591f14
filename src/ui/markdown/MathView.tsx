/**
 * One formula: its TeX source (as code) until Temml has loaded and typeset it, then MathML.
 * Bad TeX keeps showing the source, with the reason as its title.
 */
import { useEffect, useState } from 'preact/hooks';
import type { VNode } from 'preact';
import { useT } from '../i18n-context';
import { typeset } from './math';

export function MathView({ tex, display }: { tex: string; display: boolean }) {
  const { t } = useT();
  const [math, setMath] = useState<VNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setMath(null);
    setError(null);
    typeset(tex, display).then(
      (vnode) => alive && setMath(vnode),
      (reason: unknown) =>
        alive && setError(reason instanceof Error ? reason.message.slice(0, 200) : String(reason)),
    );
    return () => {
      alive = false;
    };
  }, [tex, display]);
  const Tag = display ? 'div' : 'span';
  if (math) return <Tag class={display ? 'md-math md-math-display' : 'md-math'}>{math}</Tag>;
  return (
    <Tag
      class={display ? 'md-math-source md-math-display' : 'md-math-source'}
      title={error ? t('ui_md_math_error', error) : undefined}
      data-error={error ? 'true' : undefined}
    >
      <code>{display ? `$$${tex}$$` : `$${tex}$`}</code>
    </Tag>
  );
}
