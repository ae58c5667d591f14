/**
 * Imported by browser.ts before the polyfill, so it runs first. Chrome gives a content script's
 * isolated world no `browser`, and an element of the page with id="browser" then shows through
 * as `window.browser` (named elements are window properties in every world): the polyfill took
 * that form for the extension API (`browser.runtime.id` was its <input id="runtime">) and the
 * sidebar never opened (issue 23). An own property outranks named elements, so an own
 * `undefined` makes the polyfill wrap the real `chrome`. Where `browser` is the browser's own
 * (Firefox), it is an own property and stays.
 */
const scope = globalThis as Record<string, unknown>;
if (!Object.hasOwn(scope, 'browser')) {
  Object.defineProperty(scope, 'browser', { value: undefined, writable: true, configurable: true });
}

export {};
