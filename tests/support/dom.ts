/**
 * Documents for tests and benchmarks, from either DOM implementation, so a check can run under
 * both jsdom and happy-dom. Scripts never run and no resource is fetched in either.
 *
 * jsdom ships no types and `@types/jsdom` is not a dependency, so the one constructor used here is
 * typed here; with `@types/jsdom` installed this becomes `export { JSDOM } from 'jsdom'`.
 */
import { createRequire } from 'node:module';
import { Window as HappyWindow } from 'happy-dom';

export interface Jsdom {
  window: Window & typeof globalThis;
}

type JsdomConstructor = new (html?: string, options?: { url?: string }) => Jsdom;

export const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JsdomConstructor };

/** A jsdom document parsed from `html` as if served at `url` (base for relative links, `location`). */
export const parse = (html: string, url: string) => new JSDOM(html, { url }).window.document;

/**
 * The same under happy-dom. Its documents are written, not navigated: happy-dom runs no page
 * script by default, so a fixture's hostile script stays inert.
 */
export function parseHappy(html: string, url: string): Document {
  const win = new HappyWindow({ url });
  win.document.write(html);
  return win.document as unknown as Document;
}

export type DomName = 'jsdom' | 'happy-dom';
export const DOMS: DomName[] = ['jsdom', 'happy-dom'];

export interface Loaded {
  doc: Document;
  /** Frees the window (happy-dom keeps timers and caches alive until closed). */
  close(): void;
}

/** Parses `html` as if served at `url`, with the chosen implementation, for anchoring checks and benchmarks. */
export function load(dom: DomName, html: string, url = 'https://example.test/'): Loaded {
  if (dom === 'jsdom') {
    const { window } = new JSDOM(html, { url });
    return { doc: window.document, close: () => window.close() };
  }
  const window = new HappyWindow({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return { doc: window.document as unknown as Document, close: () => void window.happyDOM.close() };
}
