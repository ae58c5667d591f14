/** The real destination shown next to a link whose text names another host or uses look-alike letters. */
import { useT } from '../i18n-context';
import { linkWarning } from './link-host';

export function LinkHost({ text, href }: { text: string; href: string }) {
  const { t } = useT();
  // The link's Markdown text without emphasis marks: `**https://bank.example**` names bank.example.
  const warning = linkWarning(text.replace(/[*_~`]/g, ''), href);
  if (!warning) return null;
  const label =
    warning.kind === 'mismatch'
      ? t('ui_md_link_opens', warning.host)
      : t('ui_md_link_lookalike', warning.host);
  return (
    <span class="md-link-host" data-warning={warning.kind} title={label}>
      {label}
    </span>
  );
}
