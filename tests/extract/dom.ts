/**
 * jsdom for tests that need a document with a real URL (base for relative links, `location`).
 * jsdom ships no types and `@types/jsdom` is not a dependency, so the one constructor these tests
 * use is typed here; with `@types/jsdom` installed this becomes `export { JSDOM } from 'jsdom'`.
 */
import { createRequire } from 'node:module';
import { Window as HappyWindow } from 'happy-dom';

export interface Jsdom {
  window: Window & typeof globalThis;
}

type JsdomConstructor = new (html?: string, options?: { url?: string }) => Jsdom;

export const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JsdomConstructor };

/** A document parsed from `html` as if served at `url`. */
export const parse = (html: string, url: string) => new JSDOM(html, { url }).window.document;

/**
 * The same under happy-dom, the other DOM these tests run in. Its documents are written, not
 * navigated: happy-dom runs no page script by default, so a fixture's hostile script stays inert.
 */
export function parseHappy(html: string, url: string): Document {
  const win = new HappyWindow({ url });
  win.document.write(html);
  return win.document as unknown as Document;
}
