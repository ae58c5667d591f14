/**
 * The part of the user's selection they can actually see (issue 22.5): text hidden inside it
 * with display:none, visibility:hidden, opacity 0, a transparent colour, zero size, a 1-pixel
 * clipped box or a place off the page is dropped, so a page cannot slip instructions to the
 * model inside an innocent-looking selection.
 *
 * Self-contained on purpose (no imports, no outer names): the worker passes it to
 * scripting.executeScript, which sends only the function's source, and the Ask button bundles it.
 */
export function visibleSelectionText(): string {
  const selection = getSelection();
  if (!selection) return '';
  const width = document.documentElement.scrollWidth;
  const height = document.documentElement.scrollHeight;
  const seen = (element: Element | null): boolean => {
    if (!element?.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      return false;
    const box = element.getBoundingClientRect();
    // Computed colours are rgb()/rgba(); `transparent` is rgba(0, 0, 0, 0).
    const color = getComputedStyle(element).color;
    return box.width > 1 && box.height > 1 && !/^rgba.*, 0\)$/.test(color);
  };
  const blockOf = (element: Element | null): Element | null => {
    while (element && getComputedStyle(element).display.startsWith('inline'))
      element = element.parentElement;
    return element;
  };
  let out = '';
  let block: Element | null = null;
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i);
    const top = range.commonAncestorContainer;
    const walker = document.createTreeWalker(top.nodeType === 3 ? (top.parentNode ?? top) : top, 4);
    for (
      let node = walker.nextNode() as Text | null;
      node;
      node = walker.nextNode() as Text | null
    ) {
      if (!range.intersectsNode(node)) continue;
      const from = node === range.startContainer ? range.startOffset : 0;
      const to = node === range.endContainer ? range.endOffset : node.data.length;
      const piece = node.data.slice(from, to);
      if (!piece.trim()) {
        if (out && !out.endsWith(' ')) out += ' ';
        continue;
      }
      if (!seen(node.parentElement)) continue;
      const part = document.createRange();
      part.setStart(node, from);
      part.setEnd(node, to);
      const onPage = Array.from(part.getClientRects()).some(
        (r) =>
          r.width > 0 &&
          r.height > 0 &&
          r.right + scrollX > 0 &&
          r.bottom + scrollY > 0 &&
          r.left + scrollX < width &&
          r.top + scrollY < height,
      );
      if (!onPage) continue;
      const here = blockOf(node.parentElement);
      if (out && here !== block) out = `${out.trimEnd()}\n\n`;
      block = here;
      out += piece.replace(/\s+/g, ' ');
    }
  }
  return out
    .replace(/ *\n\n */g, '\n\n')
    .replace(/  +/g, ' ')
    .trim();
}

/** Text selected inside a text field (not part of getSelection() in every browser). Self-contained. */
export function fieldSelectionText(): string {
  const active = document.activeElement;
  if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) {
    const { selectionStart: from, selectionEnd: to } = active;
    if (from !== null && to !== null && to > from) return active.value.slice(from, to);
  }
  return '';
}
