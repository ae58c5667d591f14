/**
 * Push mode moves the page aside with a right margin on <html>. Elements with `position: fixed`
 * ignore that margin, so a fixed header, cookie bar or chat bubble at the right edge would stay
 * under the sidebar. While the page is pushed, this class moves or narrows those elements, and it
 * puts their inline styles back afterwards. Elements the page adds later are not followed.
 */
interface Shifted {
  element: HTMLElement;
  /** The element's own inline values, restored as they were. */
  saved: Record<'right' | 'max-width', { value: string; priority: string }>;
  /** Used `right` in px (browsers report it even when the page left it `auto`). */
  right: number;
  left: number;
  outerRight: number;
}

export class FixedElementShift {
  private shifted: Shifted[] = [];

  /** Finds the page's fixed elements (once per push); `skip` is the sidebar's own host. */
  collect(skip: Element): void {
    this.restore();
    const viewport = window.innerWidth;
    // One pass over the elements when the sidebar opens; resizing reuses what was found.
    const walker = document.createTreeWalker(document.body ?? document.documentElement, 1);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node instanceof HTMLElement) || node === skip) continue;
      const style = getComputedStyle(node);
      if (style.position !== 'fixed' || style.display === 'none') continue;
      const rect = node.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || rect.left >= viewport) continue;
      const right = Number.parseFloat(style.right);
      this.shifted.push({
        element: node,
        saved: { right: inline(node, 'right'), 'max-width': inline(node, 'max-width') },
        right: Number.isFinite(right) ? right : viewport - rect.right,
        left: rect.left,
        outerRight: rect.right,
      });
    }
  }

  /**
   * Keeps the collected elements out of the rightmost `width` pixels: first by moving their right
   * edge (which moves a right-anchored element and narrows one anchored to both edges), and where
   * that has no effect (a set width wins over `right`), by a max-width.
   */
  apply(width: number): void {
    const edge = window.innerWidth - width;
    for (const item of this.shifted) {
      const style = item.element.style;
      reset(item);
      if (item.outerRight <= edge) continue;
      style.setProperty('right', `${item.right + width}px`, 'important');
      const moved = item.element.getBoundingClientRect();
      if (moved.right <= edge + 0.5) continue;
      reset(item);
      style.setProperty('max-width', `${Math.max(0, edge - moved.left)}px`, 'important');
    }
  }

  restore(): void {
    for (const item of this.shifted) reset(item);
    this.shifted = [];
  }
}

function inline(element: HTMLElement, property: string): { value: string; priority: string } {
  return {
    value: element.style.getPropertyValue(property),
    priority: element.style.getPropertyPriority(property),
  };
}

function reset(item: Shifted): void {
  for (const property of ['right', 'max-width'] as const) {
    const { value, priority } = item.saved[property];
    if (value) item.element.style.setProperty(property, value, priority);
    else item.element.style.removeProperty(property);
  }
}
