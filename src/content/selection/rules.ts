/** When and where the floating "Ask" button shows. Pure DOM checks, unit tested. */

const BUTTON_WIDTH = 64;
const BUTTON_HEIGHT = 28;
const GAP = 6;

/** Whether `node` is in something the user types into: no button there (issue 6). */
export function isEditable(node: Node | null | undefined): boolean {
  const element = node?.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
  if (!element) return false;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'INPUT' || tag === 'SELECT') return true;
  return (
    (element as HTMLElement).isContentEditable === true ||
    element.closest(
      '[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]',
    ) !== null
  );
}

/** Below the end of the selection, kept inside the viewport (above it when there is no room). */
export function buttonPosition(
  end: { left: number; right: number; top: number; bottom: number },
  viewportWidth: number,
  viewportHeight: number,
  width = BUTTON_WIDTH,
): { left: number; top: number } {
  const left = Math.min(Math.max(GAP, end.right - width / 2), viewportWidth - width - GAP);
  const below = end.bottom + GAP;
  const top =
    below + BUTTON_HEIGHT <= viewportHeight ? below : Math.max(GAP, end.top - BUTTON_HEIGHT - GAP);
  return { left: Math.round(left), top: Math.round(top) };
}
