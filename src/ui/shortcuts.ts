/**
 * The chat's keyboard shortcuts in one place: what the app listens for (matches) and how the
 * tooltips and the help panel write them (Ctrl on Windows and Linux, ⌘ on a Mac).
 */
export type Shortcut = 'newChat' | 'history';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The platform's command key name. */
export const MOD = isMac ? '⌘' : 'Ctrl';

export function shortcutText(shortcut: Shortcut): string {
  switch (shortcut) {
    case 'newChat':
      return `${MOD}+Shift+O`;
    case 'history':
      return `${MOD}+K`;
  }
}

/** Ctrl on Windows/Linux, ⌘ on a Mac (either is accepted: a Mac user may press Ctrl too). */
function mod(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}

export function matches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  const key = event.key.toLowerCase();
  switch (shortcut) {
    case 'newChat':
      return mod(event) && event.shiftKey && !event.altKey && key === 'o';
    case 'history':
      return mod(event) && !event.shiftKey && !event.altKey && key === 'k';
  }
}

/**
 * True while an input method composes a word (Japanese, Chinese …): Enter then confirms the
 * word, never sends. keyCode 229 covers browsers that report the key before the composition
 * event (Safari, some Chromium IMEs).
 */
export function composing(event: KeyboardEvent, composingNow: boolean): boolean {
  return composingNow || event.isComposing || event.keyCode === 229;
}

/** Whether this Enter press sends, under the user's "send with" setting. */
export function sendsOnEnter(event: KeyboardEvent, sendKey: 'enter' | 'ctrl-enter'): boolean {
  if (event.key !== 'Enter' || event.altKey) return false;
  if (sendKey === 'ctrl-enter') return mod(event);
  return !event.shiftKey;
}
