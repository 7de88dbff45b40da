/**
 * Documents for anchoring tests and benchmarks, from either DOM implementation, so every check
 * runs under both jsdom and happy-dom. Scripts never run and no resource is fetched in either.
 */
import { Window } from 'happy-dom';
import { JSDOM } from '../extract/dom';

export type DomName = 'jsdom' | 'happy-dom';
export const DOMS: DomName[] = ['jsdom', 'happy-dom'];

export interface Loaded {
  doc: Document;
  /** Frees the window (happy-dom keeps timers and caches alive until closed). */
  close(): void;
}

/** Parses `html` as if served at `url`, with the chosen implementation. */
export function load(dom: DomName, html: string, url = 'https://example.test/'): Loaded {
  if (dom === 'jsdom') {
    const { window } = new JSDOM(html, { url });
    return { doc: window.document, close: () => window.close() };
  }
  const window = new Window({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return { doc: window.document as unknown as Document, close: () => void window.happyDOM.close() };
}
