/**
 * In a content script's isolated world the extension API lives in the globals `chrome` and
 * `browser`, which are not own properties of the world's global object: a page's named elements
 * shadow them there as they do in the page (`<form id="chrome"><input name="runtime">` makes
 * `chrome` that form, and the API polyfill then refuses to load). Pinning the real objects as own
 * properties of this world's global at `document_start`, while no element exists yet, puts them
 * out of the page's reach for the rest of the document's life. The page never sees this: own
 * properties of the isolated world's global are not on the page's window.
 */
export function pinExtensionApi(global: object = globalThis): void {
  for (const name of ['chrome', 'browser'] as const) {
    const api = (global as Record<string, unknown>)[name];
    if (api === undefined || Object.hasOwn(global, name)) continue;
    try {
      Object.defineProperty(global, name, { value: api, writable: false, configurable: false, enumerable: false });
    } catch {
      // Already pinned by an earlier copy of this script (an extension reload): nothing to do.
    }
  }
}
