/**
 * The sidebar as it lives in a web page: an element with a closed shadow root holding an
 * extension-origin iframe (sidebar/sidebar.html#token=…). The page can neither read the iframe
 * (cross-origin) nor reach into the shadow root (closed), and its CSS cannot undo ours: the host
 * carries `all: initial` plus `!important` inline styles (the style attribute outranks every
 * page rule, layered or not), and rules inside a shadow tree never match from outside.
 *
 * The constructor does no work; `open()` builds everything and `destroy()` removes all of it.
 */
import browser from '../../shared/browser';
import { contentText as t } from './strings';
import { clampWidth, hostTagName, KEYBOARD_STEP, widthFromPointer } from './layout';
import { FixedElementShift } from './fixed-elements';

export interface HostOptions {
  width: number;
  mode: 'overlay' | 'push';
  /** Called once the user finished resizing (drag or keys). */
  onResized(width: number): void;
  /** Called after the host destroyed itself because the page kept restyling it. */
  onTampered(): void;
}

/** The only attributes the host carries; anything else on it was put there by the page. */
const HOST_ATTRIBUTES = new Set(['data-chatgptt-sidebar', 'style', 'popover']);
/** A page that changes the host this often is fighting us: close instead of looping with it. */
const TAMPER_LIMIT = 5;
const TAMPER_WINDOW_MS = 10_000;

const FRAME_PATH = 'sidebar/sidebar.html';

/** Declarations that must hold whatever the page's CSS says. */
function important(declarations: Record<string, string>): string {
  return Object.entries(declarations)
    .map(([name, value]) => `${name}: ${value} !important;`)
    .join(' ');
}

// The handle sits just left of the frame, never over it: anything drawn over the frame, even our
// own transparent handle, makes Chromium report it occluded (src/sidebar/occlusion.ts). So the
// host has no paint containment (it would clip the handle away).
// No :host rule here: important declarations inside the shadow tree would outrank the host's
// inline ones (inner context wins for !important), and the inline ones are the ones we size.
const SHADOW_CSS = `
.frame {
  all: initial; display: block; box-sizing: border-box; width: 100%; height: 100%;
  border: 0; border-left: 1px solid rgba(127, 127, 127, 0.35); margin: 0; padding: 0;
  background: Canvas; color-scheme: light dark;
}
.handle {
  all: initial; position: absolute; top: 0; bottom: 0; left: -6px; width: 6px;
  cursor: ew-resize; touch-action: none;
}
.handle:hover, .handle:focus-visible, .handle.dragging { background: rgba(16, 163, 127, 0.45); }
.handle:focus-visible { outline: 2px solid #10a37f; outline-offset: -2px; }
.dragging-shield { position: absolute; inset: 0; cursor: ew-resize; }
`;

export class SidebarHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private handle: HTMLElement | null = null;
  private width = 0;
  private abort: AbortController | null = null;
  private previousFocus: Element | null = null;
  private pushed: { value: string; priority: string } | null = null;
  private readonly fixedElements = new FixedElementShift();
  /** The host's style text as we last wrote it (read back, so the browser's spelling). */
  private appliedCss = '';
  private tamperTimes: number[] = [];

  constructor(private readonly options: HostOptions) {}

  /** Whether the sidebar is on the page (a page script may have removed our element). */
  get isOpen(): boolean {
    return this.host?.isConnected === true;
  }

  open(token: string): void {
    if (this.host) this.destroy();
    this.previousFocus = deepActiveElement();
    this.abort = new AbortController();
    this.width = clampWidth(this.options.width, window.innerWidth);

    const host = document.createElement(hostTagName());
    host.setAttribute('data-chatgptt-sidebar', '');
    const shadow = host.attachShadow({ mode: 'closed' });

    const handle = document.createElement('div');
    handle.className = 'handle';
    handle.tabIndex = 0;
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-orientation', 'vertical');
    handle.setAttribute('aria-label', t('content_resize'));

    const frame = document.createElement('iframe');
    frame.className = 'frame';
    frame.title = t('content_sidebar_title');
    frame.setAttribute('allow', clipboardPolicy());
    frame.src = frameUrl(token);
    frame.addEventListener('load', () => frame.focus(), { signal: this.abort.signal });

    adoptStyles(shadow);
    shadow.append(handle, frame);
    this.host = host;
    this.frame = frame;
    this.handle = handle;
    this.applyWidth();
    this.wireResizing(handle, shadow);
    window.addEventListener('resize', () => this.applyWidth(), { signal: this.abort.signal });
    // Outside <body>: a transform or filter on body would turn `fixed` into `absolute`.
    document.documentElement.append(host);
    // The top layer (issue 22.4): no z-index of the page goes above it; only a top-layer element
    // the page shows later can.
    host.popover = 'manual';
    host.showPopover();
    this.watchTampering(host);
  }

  /** Whether a message event came from this sidebar's own frame (a page cannot post as it). */
  isOwnFrame(source: MessageEventSource | null): boolean {
    return source !== null && this.frame !== null && source === this.frame.contentWindow;
  }

  /** A new request while open: the iframe reads the new token on `hashchange`, no reload. */
  retarget(token: string): void {
    if (!this.frame) return;
    this.frame.src = frameUrl(token);
    this.frame.focus();
  }

  /** Removes everything this host created and gives focus back to the page. */
  destroy(): void {
    this.abort?.abort();
    this.abort = null;
    this.host?.remove();
    this.host = this.frame = this.handle = null;
    this.restorePush();
    const previous = this.previousFocus;
    this.previousFocus = null;
    if (previous instanceof HTMLElement && previous.isConnected)
      previous.focus({ preventScroll: true });
  }

  private applyWidth(): void {
    if (!this.host) return;
    this.width = clampWidth(this.width, window.innerWidth);
    // Through the CSSOM, not the style attribute: a page CSP without 'unsafe-inline' blocks the latter.
    this.host.style.cssText = important({
      all: 'initial',
      display: 'block',
      position: 'fixed',
      top: '0',
      right: '0',
      left: 'auto',
      bottom: 'auto',
      width: `${this.width}px`,
      height: '100vh',
      'max-height': '100vh',
      margin: '0',
      padding: '0',
      border: '0',
      'z-index': '2147483647',
      'box-shadow': '-8px 0 24px rgba(0, 0, 0, 0.18)',
      visibility: 'visible',
      opacity: '1',
      transform: 'none',
      filter: 'none',
      'pointer-events': 'auto',
      contain: 'size layout style',
    });
    this.appliedCss = this.host.style.cssText;
    this.handle?.setAttribute('aria-valuenow', String(this.width));
    this.handle?.setAttribute('aria-valuemin', String(clampWidth(0, window.innerWidth)));
    this.handle?.setAttribute(
      'aria-valuemax',
      String(clampWidth(Number.MAX_SAFE_INTEGER, window.innerWidth)),
    );
    if (this.options.mode === 'push') this.applyPush();
  }

  /**
   * A page script can restyle the host (`style.setProperty(…, 'important')` outranks our inline
   * rules), add `hidden`/`inert`, or call `hidePopover()`. Each is undone at once; a page that
   * keeps at it gets the sidebar closed rather than a tug of war.
   */
  private watchTampering(host: HTMLElement): void {
    const signal = this.abort?.signal;
    if (!signal) return;
    const observer = new MutationObserver(() => this.reassert());
    observer.observe(host, { attributes: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    // Closing a popover changes no attribute; its toggle event is how we hear of it.
    host.addEventListener('toggle', () => this.reassert(), { signal });
  }

  private reassert(): void {
    const host = this.host;
    if (!host) return;
    let tampered = false;
    for (const name of host.getAttributeNames()) {
      if (HOST_ATTRIBUTES.has(name)) continue;
      host.removeAttribute(name);
      tampered = true;
    }
    if (host.getAttribute('popover') !== 'manual') {
      host.popover = 'manual';
      tampered = true;
    }
    if (host.style.cssText !== this.appliedCss) {
      this.applyWidth();
      tampered = true;
    }
    if (host.isConnected && !host.matches(':popover-open')) {
      host.showPopover();
      tampered = true;
    }
    if (tampered) this.countTampering();
  }

  private countTampering(): void {
    const now = performance.now();
    this.tamperTimes = this.tamperTimes.filter((time) => now - time < TAMPER_WINDOW_MS);
    this.tamperTimes.push(now);
    if (this.tamperTimes.length < TAMPER_LIMIT) return;
    this.tamperTimes = [];
    this.destroy();
    this.options.onTampered();
  }

  private applyPush(): void {
    const root = document.documentElement.style;
    if (!this.pushed) {
      this.pushed = {
        value: root.getPropertyValue('margin-right'),
        priority: root.getPropertyPriority('margin-right'),
      };
      if (this.host) this.fixedElements.collect(this.host);
    }
    root.setProperty('margin-right', `${this.width}px`, 'important');
    this.fixedElements.apply(this.width);
  }

  private restorePush(): void {
    if (!this.pushed) return;
    const root = document.documentElement.style;
    if (this.pushed.value)
      root.setProperty('margin-right', this.pushed.value, this.pushed.priority);
    else root.removeProperty('margin-right');
    this.fixedElements.restore();
    this.pushed = null;
  }

  private wireResizing(handle: HTMLElement, shadow: ShadowRoot): void {
    const signal = this.abort?.signal;
    if (!signal) return;
    let shield: HTMLElement | null = null;
    handle.addEventListener(
      'pointerdown',
      (event) => {
        if (!event.isTrusted || event.button !== 0) return;
        event.preventDefault();
        handle.setPointerCapture(event.pointerId);
        handle.classList.add('dragging');
        // The iframe would swallow pointer moves; cover it while dragging.
        shield = document.createElement('div');
        shield.className = 'dragging-shield';
        shadow.append(shield);
      },
      { signal },
    );
    handle.addEventListener(
      'pointermove',
      (event) => {
        if (!event.isTrusted || !handle.hasPointerCapture(event.pointerId)) return;
        this.width = widthFromPointer(event.clientX, window.innerWidth);
        this.applyWidth();
      },
      { signal },
    );
    const finish = (event: PointerEvent): void => {
      if (!event.isTrusted || !shield) return;
      shield.remove();
      shield = null;
      handle.classList.remove('dragging');
      this.options.onResized(this.width);
    };
    handle.addEventListener('pointerup', finish, { signal });
    handle.addEventListener('pointercancel', finish, { signal });
    handle.addEventListener(
      'keydown',
      (event) => {
        if (!event.isTrusted) return;
        const delta =
          event.key === 'ArrowLeft'
            ? KEYBOARD_STEP
            : event.key === 'ArrowRight'
              ? -KEYBOARD_STEP
              : 0;
        if (delta === 0) return;
        event.preventDefault();
        this.width = clampWidth(this.width + delta, window.innerWidth);
        this.applyWidth();
        this.options.onResized(this.width);
      },
      { signal },
    );
  }
}

/** A constructed sheet is exempt from the page's CSP; a <style> element is the fallback. */
function adoptStyles(shadow: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SHADOW_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = SHADOW_CSS;
    shadow.append(style);
  }
}

/**
 * The frame's `allow`: clipboard-write for the frame's real origin. `'src'` alone is not enough in
 * Chrome: the src is the per-session address (use_dynamic_url, a random host) while the document
 * loads at chrome-extension://<id>, so the policy named the wrong origin and Copy was refused.
 */
function clipboardPolicy(): string {
  const src = new URL(browser.runtime.getURL(FRAME_PATH));
  const real =
    src.protocol === 'chrome-extension:' ? ` chrome-extension://${browser.runtime.id}` : '';
  return `clipboard-write 'src'${real}`;
}

function frameUrl(token: string): string {
  return `${browser.runtime.getURL(FRAME_PATH)}#token=${encodeURIComponent(token)}`;
}

/** The focused element, looking through open shadow roots (focus returns there on close). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body ? null : active;
}
