/**
 * A history row's "…" menu: pin or unpin, rename, export, delete. The menu button pattern: Enter
 * or ↓ opens it on the first item, arrows move, Esc closes it and gives the focus back.
 */
import type { FunctionComponent } from 'preact';
import type { LucideProps } from 'lucide-preact';
import { Ellipsis } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from './i18n-context';

export interface MenuItem {
  id: string;
  label: string;
  icon: FunctionComponent<LucideProps>;
  onSelect: () => void;
  danger?: boolean;
}

export function RowMenu({ title, items }: { title: string; items: MenuItem[] }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) wrap.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(wrap.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault(); // handled: the sidebar must not close too
      close(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div
      class="cg-row-menu"
      ref={wrap}
      onFocusOut={(event) => {
        const next = event.relatedTarget;
        if (open && !(next instanceof Node && wrap.current?.contains(next))) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={button}
        class="cg-button cg-icon cg-small cg-ghost"
        aria-label={t('ui_row_menu', title)}
        title={t('ui_row_menu_title')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Ellipsis size={16} aria-hidden="true" />
      </button>
      {open ? (
        <div class="cg-menu" role="menu" aria-label={t('ui_row_menu', title)} onKeyDown={onKeyDown}>
          {items.map(({ id, label, icon: Icon, onSelect, danger }) => (
            <button
              key={id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              class={`cg-menu-item${danger ? ' cg-danger' : ''}`}
              onClick={() => {
                close(true);
                onSelect();
              }}
            >
              <Icon size={15} aria-hidden="true" />
              <span>{label}</span>
              <span class="cg-visually-hidden">{t('ui_row_name', title)}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
