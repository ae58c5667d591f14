/** Sizes of the docked sidebar. Pure functions, so they can be unit tested. */

export const MIN_WIDTH = 300;
/** Room left for the page, so a wide sidebar can never hide it completely. */
export const PAGE_MARGIN = 120;
export const KEYBOARD_STEP = 24;

/** Clamps a wanted width to what the window allows. */
export function clampWidth(wanted: number, viewportWidth: number): number {
  const max = Math.max(MIN_WIDTH, viewportWidth - PAGE_MARGIN);
  const width = Number.isFinite(wanted) ? Math.round(wanted) : MIN_WIDTH;
  return Math.min(max, Math.max(MIN_WIDTH, width));
}

/** The width while dragging the left edge: the distance from the pointer to the right edge. */
export function widthFromPointer(clientX: number, viewportWidth: number): number {
  return clampWidth(viewportWidth - clientX, viewportWidth);
}

/** A random suffix so a page cannot pre-define our element name with customElements.define. */
export function hostTagName(random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `chatgptt-sidebar-${suffix}`;
}
