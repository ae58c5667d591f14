import { describe, expect, it } from 'vitest';
import {
  clampWidth,
  hostTagName,
  MIN_WIDTH,
  PAGE_MARGIN,
  widthFromPointer,
} from '../../../src/content/sidebar/layout';

describe('sidebar layout', () => {
  it('keeps the width between the minimum and what leaves room for the page', () => {
    expect(clampWidth(420, 1280)).toBe(420);
    expect(clampWidth(100, 1280)).toBe(MIN_WIDTH);
    expect(clampWidth(5000, 1280)).toBe(1280 - PAGE_MARGIN);
    expect(clampWidth(Number.NaN, 1280)).toBe(MIN_WIDTH);
    expect(clampWidth(420.6, 1280)).toBe(421);
  });

  it('never goes below the minimum, even in a narrow window', () => {
    expect(clampWidth(420, 350)).toBe(MIN_WIDTH);
  });

  it('measures a drag from the right edge of the window', () => {
    expect(widthFromPointer(680, 1280)).toBe(600);
    expect(widthFromPointer(1270, 1280)).toBe(MIN_WIDTH);
    expect(widthFromPointer(0, 1280)).toBe(1280 - PAGE_MARGIN);
  });

  it('names the host element with a random suffix a page cannot predefine', () => {
    expect(hostTagName(() => 0)).toBe('chatgptt-sidebar-000000');
    const name = hostTagName();
    expect(name).toMatch(/^chatgptt-sidebar-[0-9a-z]{6}$/);
    // A valid custom element name, so attachShadow accepts it.
    expect(name).toContain('-');
    expect(hostTagName()).not.toBe(hostTagName());
  });
});
