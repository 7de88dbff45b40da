// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { patchSinks, SINK_PATCHES } from '../scripts/no-html-sinks';
import { parse } from './support/dom';

/** The installed file, as Vite reads it. */
const source = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');
const READABILITY = 'node_modules/@mozilla/readability/Readability.js';
const DOMPURIFY = 'node_modules/dompurify/dist/purify.es.mjs';
const PREACT = 'node_modules/preact/dist/preact.mjs';

/** Loads a CommonJS file's text (Readability's) as a module. */
function loadCjs<T>(code: string): T {
  const module = { exports: {} as T };
  new Function('module', 'exports', code)(module, module.exports);
  return module.exports;
}

/** Loads an ES module's text that imports nothing (patched DOMPurify or Preact): its exports. */
function loadEsm<T>(code: string): T {
  const body = code.replace(/export\s*\{([^}]*)\};?/, (_, list: string) => {
    const entries = list.split(',').map((e) => e.trim().split(/\s+as\s+/));
    return `return {${entries.map(([local, name]) => `${name ?? local}: ${local}`).join(', ')}};`;
  });
  return new Function(body)() as T;
}

afterEach(() => vi.restoreAllMocks());

describe('each patch finds its code once in the installed libraries', () => {
  it.each([...new Set(SINK_PATCHES.map((p) => p.file))])('%s', (file) => {
    const patched = patchSinks(file, source(file))!;
    expect(patched).not.toMatch(/\.innerHTML\s*=[^=]/);
  });

  it('refuses a file whose code changed (an upgrade must be looked at again)', () => {
    expect(() => patchSinks(PREACT, 'export const x = 1;')).toThrow(/found it 0 times/);
  });
});

type ReadabilityClass = new (doc: Document, options?: object) => { parse(): Record<string, unknown> | null };

describe('patched Readability extracts exactly what the original does', () => {
  const Original = loadCjs<ReadabilityClass>(source(READABILITY));
  const Patched = loadCjs<ReadabilityClass>(patchSinks(READABILITY, source(READABILITY))!);
  const url = 'https://blog.example/2024/03/post.html';
  /** Readability's result on a clone of `html` (as utils/extract does); `spy` sees the page's window. */
  const run = (R: ReadabilityClass, html: string, spy?: (win: Window & typeof globalThis) => void) => {
    const doc = parse(html, url);
    spy?.(doc.defaultView!);
    return new R(doc.cloneNode(true) as Document).parse();
  };

  const paragraph = (n: number) =>
    `<p>Paragraph ${n}: a reading habit does not need an empty weekend, it needs a small slot that survives, ` +
    `with commas, and more words, so that the scorer counts it as prose rather than navigation.</p>`;
  /** Short enough that Readability's first pass fails and it restores the page and retries. */
  const shortPage = `<!DOCTYPE html><html><head><title>Short</title></head><body>
    <div class="sidebar"><p>Short note, with a comma, kept on a retry.</p></div>
    <article><p>Only a few words here, with a comma.</p></article></body></html>`;
  /** An image whose real source is in the <noscript> next to its lazy placeholder. */
  const noscriptPage = `<!DOCTYPE html><html><head><title>Lazy</title></head><body><article>
    ${paragraph(1)}<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/a.jpg" alt="a">
    <noscript><img src="/a.jpg" alt="a" width="800"></noscript></figure>${paragraph(2)}${paragraph(3)}
    </article></body></html>`;

  it.each(['article-en.html', 'article-fr.html', 'malformed.html', 'no-article.html'])('on %s', (name) => {
    const html = readFileSync(join(process.cwd(), 'tests/fixtures', name), 'utf8');
    expect(run(Patched, html)).toEqual(run(Original, html));
  });

  it('on a page it must restore and retry (the clone replaces the innerHTML cache)', () => {
    let restore: ReturnType<typeof vi.spyOn> | undefined;
    const patched = run(Patched, shortPage, (win) => (restore = vi.spyOn(win.Element.prototype, 'replaceChildren')));
    expect(restore).toHaveBeenCalled();
    expect(patched).toEqual(run(Original, shortPage));
  });

  it('on a lazy image with its <noscript> copy (DOMParser replaces innerHTML)', () => {
    const parseHtml = vi.spyOn(DOMParser.prototype, 'parseFromString');
    const patched = run(Patched, noscriptPage);
    expect(parseHtml).toHaveBeenCalled();
    expect(patched).toEqual(run(Original, noscriptPage));
    expect(patched?.content).toContain('/a.jpg');
  });
});

type Purify = { sanitize(dirty: string, config?: object): string };
type PurifyFactory = (win: Window) => Purify;

describe('patched DOMPurify', () => {
  it('sanitises exactly as the original does', () => {
    const { default: original } = loadEsm<{ default: PurifyFactory }>(source(DOMPURIFY));
    const { default: patched } = loadEsm<{ default: PurifyFactory }>(patchSinks(DOMPURIFY, source(DOMPURIFY))!);
    const inputs = [
      '<p>Hi</p><script>alert(1)</script>',
      '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>',
      '<svg><style><img src=x onerror=alert(1)></style></svg>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<form id="x"><input name="attributes"></form><p id=y>t</p>',
      '',
    ];
    for (const dirty of inputs) expect(patched(window).sanitize(dirty)).toBe(original(window).sanitize(dirty));
  });

  it('returns nothing where the original parsed with innerHTML (a non-HTML namespace)', () => {
    const { default: original } = loadEsm<{ default: PurifyFactory }>(source(DOMPURIFY));
    const { default: patched } = loadEsm<{ default: PurifyFactory }>(patchSinks(DOMPURIFY, source(DOMPURIFY))!);
    const svg = { NAMESPACE: 'http://www.w3.org/2000/svg' };
    expect(original(window).sanitize('<g><circle/></g>', svg)).not.toBe('');
    expect(patched(window).sanitize('<g><circle/></g>', svg)).toBe('');
  });
});

describe('patched Preact', () => {
  type PreactModule = typeof import('preact');
  it('renders as before, and refuses dangerouslySetInnerHTML', () => {
    const { h, render } = loadEsm<PreactModule>(patchSinks(PREACT, source(PREACT))!);
    const root = document.createElement('div');
    render(h('p', { class: 'x' }, 'text <b>not markup</b>'), root);
    expect(root.innerHTML).toBe('<p class="x">text &lt;b&gt;not markup&lt;/b&gt;</p>');
    expect(() => render(h('p', { dangerouslySetInnerHTML: { __html: '<img src=x>' } }), root)).toThrow(
      /dangerouslySetInnerHTML is not supported/,
    );
  });
});
