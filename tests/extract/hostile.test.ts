// @vitest-environment jsdom
/**
 * Pages that clobber the DOM (issue #11, "DOM clobbering switches Verbatim off").
 *
 * In a browser, `<img name="getElementById">` makes `document.getElementById` that image (Document
 * has [LegacyOverrideBuiltIns]), and `<input name="getAttribute">` makes its form's `getAttribute`
 * that input, in the content script's isolated world too. Neither jsdom 29 nor happy-dom 21
 * implements those named properties (the first test checks it), so `clobber` below simulates them
 * as the HTML standard defines them: an own property on the document or form instance, which
 * shadows the prototype's member exactly as the browser's named property does.
 *
 * One difference: a browser's own algorithms never read these properties, but the test DOMs'
 * do, from JavaScript: jsdom's selector engine reads `document.createTreeWalker`, `.contains`,
 * `.nodeType` and each ancestor's `localName`; happy-dom's forms call their own `getAttribute`;
 * jsdom reads `document.addEventListener` and `readyState` once after parsing (so documents settle
 * before they are clobbered). Those names (SPARED) are left unclobbered in that DOM only; each is
 * clobbered in the other.
 */
import { Readability } from '@mozilla/readability';
import DOMPurify from 'dompurify';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { articleText, extractArticle, readPageMeta } from '../../utils/extract';
import { MAX_META_TEXT } from '../../utils/extract/clean';
import { disarmNamedProperties } from '../../utils/dom/pristine';
import { ArticleDraftSchema, PageMetaSchema } from '../../utils/domain/record-schemas';
import { parse, parseHappy } from '../support/dom';
import { readFixture } from '../support/fixtures';

const fixture = (name: string) => readFixture(`hostile/${name}`);

// Pristine helpers for the test itself: once `clobber` has run, the document's own members lie.
const call = <T>(proto: object, name: string, self: object, ...args: unknown[]): T =>
  Reflect.apply(Reflect.get(proto, name) as (...a: unknown[]) => unknown, self, args) as T;
const all = (root: Document | Element, selector: string): Element[] =>
  Array.from(call<NodeListOf<Element>>(Object.getPrototypeOf(root) as object, 'querySelectorAll', root, selector));
const attr = (el: Element, name: string): string | null => call(Object.getPrototypeOf(el) as object, 'getAttribute', el, name);

const LISTED = new Set(['button', 'fieldset', 'input', 'object', 'output', 'select', 'textarea']);

/**
 * The named properties the HTML standard gives `doc` and each of its forms, as [name, element, owner]:
 * https://html.spec.whatwg.org/#dom-document-nameditem and "supported property names" of the form element.
 * (A form's owner is simplified to its ancestor form: the fixtures use no `form=` attribute.)
 */
export function namedProperties(doc: Document): Array<[string, Element, Document | Element]> {
  const named: Array<[string, Element, Document | Element]> = [];
  for (const el of all(doc, '*')) {
    const tag = el.localName;
    const name = attr(el, 'name');
    const id = attr(el, 'id');
    if (name && ['embed', 'form', 'iframe', 'img', 'object'].includes(tag)) named.push([name, el, doc]);
    if (id && (tag === 'object' || (tag === 'img' && name))) named.push([id, el, doc]);
    if (LISTED.has(tag) || tag === 'img') {
      if (tag === 'input' && attr(el, 'type')?.toLowerCase() === 'image') continue;
      const form = call<Element | null>(Object.getPrototypeOf(el) as object, 'closest', el, 'form');
      if (form) for (const key of [id, name]) if (key) named.push([key, el, form]);
    }
  }
  return named;
}

type Dom = 'jsdom' | 'happy-dom';

/**
 * Names a test DOM's own implementation reads on its objects (see the top of this file), found by
 * clobbering the fixtures one name at a time and calling the DOM's own methods through their
 * prototypes: each made a DOM method throw from inside jsdom or happy-dom.
 */
const SPARED: Record<Dom, Set<string>> = {
  jsdom: new Set(['createTreeWalker', 'contains', 'nodeType', 'localName']),
  'happy-dom': new Set(['getAttribute']),
};

/**
 * Makes `doc` and its forms behave as a browser's would: each named element shadows the member it
 * is named after. Returns how many named properties the document and its forms have.
 */
function clobber(doc: Document, dom: Dom = 'jsdom'): number {
  const named = namedProperties(doc);
  for (const [name, el, owner] of named) {
    // happy-dom binds some methods on each instance: the named property replaces those too, as a
    // browser's shadows them. [LegacyUnforgeable] members (`document.location`) are never shadowed.
    if (SPARED[dom].has(name) || Object.getOwnPropertyDescriptor(owner, name)?.configurable === false) continue;
    Object.defineProperty(owner, name, { value: el, configurable: true, enumerable: false });
  }
  return named.length;
}

/** Lets a test DOM finish what it does after parsing (jsdom's load event) before the page is clobbered. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const DOMS: Array<[Dom, (html: string, url: string) => Document]> = [
  ['jsdom', parse],
  ['happy-dom', parseHappy],
];

/** Every member name of `proto`'s chain, up to but not including Object.prototype. */
function memberNames(proto: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}

/**
 * Markup that clobbers every member of Document and of HTMLFormElement (and of the Node, Element
 * and EventTarget members they inherit), hidden in a sidebar so it is never the article.
 */
const clobberEverything = (win: Window & typeof globalThis) =>
  `<div class="sidebar" hidden>${memberNames(win.Document.prototype)
    .map((n) => `<img name="${n}" alt="">`)
    .join('')}<form name="f">${memberNames(win.HTMLFormElement.prototype)
    .map((n) => `<input type="hidden" name="${n}">`)
    .join('')}</form></div>`;

/** A fixture with the every-member block added at the end of its body. */
const withEverything = (html: string) => html.replace('</body>', `${clobberEverything(window)}</body>`);

const PAGES = [
  {
    file: 'clobber-fr.html',
    url: 'https://gazette-faubourgs.example/2024/05/reparer-grille-pain?utm_source=lettre',
    headline: 'Réparer plutôt que jeter : l’atelier de quartier qui redonne vie aux grille-pain',
    byline: 'Élise Marchand',
    lang: 'fr-FR-x-faubourg-atelier-gazette',
    sentence: 'Le grille-pain de Madame Ferrand avait survécu à trois déménagements et deux inondations.',
    first: 'Chaque premier samedi du mois, la salle paroissiale de la rue des Tanneurs se transforme en atelier.',
    last: 'en particulier des personnes à l’aise avec la couture et les petits moteurs.',
  },
  {
    file: 'clobber-en.html',
    url: 'https://riverside-courier.example/news/night-bus-timetables#comments',
    headline: 'The Night Bus Timetable That Nobody Could Read, and the Volunteers Who Redrew It',
    byline: 'Priya Nandakumar',
    lang: 'en-GB',
    sentence: 'Marguerite Okonjo counted eleven different fonts on a single laminated timetable.',
    first: 'Anyone who has waited for the last bus out of the town centre knows the ritual.',
    last: 'a willingness to stand at a bus stop at an unreasonable hour.',
  },
];

describe('the test DOMs', () => {
  it.each(DOMS)('%s implements no Document or form named properties: the clobbering in these tests is simulated', async (dom, parseDoc) => {
    const doc = parseDoc('<form id="f"><input name="hasAttribute"></form><img name="getElementById" src="x">', 'https://e.example/');
    expect(typeof doc.getElementById).toBe('function');
    expect(typeof doc.querySelector('form')!.hasAttribute).toBe('function');
    // The simulation does what a browser does.
    await settle();
    expect(clobber(doc, dom)).toBe(2);
    expect(doc.getElementById).toBe(all(doc, 'img')[0]);
    expect((all(doc, 'form')[0] as HTMLFormElement).hasAttribute).toBe(all(doc, 'input')[0]);
  });

  it('spare no name in both', () => {
    for (const name of SPARED.jsdom) expect(SPARED['happy-dom'].has(name)).toBe(false);
  });

  it('jsdom does implement window named properties: <form id="chrome"> is window.chrome', () => {
    const doc = parse(fixture('clobber-en.html'), 'https://e.example/');
    expect(String((doc.defaultView as unknown as { chrome: unknown }).chrome)).toBe('[object HTMLFormElement]');
  });

  it('unprotected, Readability and DOMPurify fail on a clobbered document', async () => {
    const doc = parse(fixture('clobber-en.html'), 'https://e.example/');
    await settle();
    clobber(doc);
    expect(() => new Readability(doc).parse()).toThrow();
    expect(() => DOMPurify(doc.defaultView!).sanitize('<p>x</p>')).toThrow();
  });
});

describe.each(PAGES)('$file, clobbered', (page) => {
  describe.each(DOMS)('readPageMeta under %s', (dom, parseDoc) => {
    it('reads the right metadata, within the schema, from a page that clobbers every member', async () => {
      const doc = parseDoc(withEverything(fixture(page.file)), page.url);
      await settle();
      expect(clobber(doc, dom)).toBeGreaterThan(300);
      expect(typeof doc.getElementById).toBe('object');
      expect(typeof doc.querySelectorAll).toBe('object');
      const meta = readPageMeta(doc, page.url);
      v.parse(PageMetaSchema, meta);
      expect(meta.url).toBe(page.url.replace(/\?utm_source=.*|#.*/, ''));
      expect(meta.title.startsWith(page.headline)).toBe(true);
      expect(meta.title.length).toBeLessThanOrEqual(MAX_META_TEXT);
      expect(meta.title.endsWith('…')).toBe(true);
      expect(meta.byline).toBe(page.byline);
      expect(meta.siteName!.length).toBeLessThanOrEqual(MAX_META_TEXT);
      expect(meta.publishedTime).toBeUndefined();
      expect(meta.lang).toBe(page.lang);
    });
  });

  it('extracts the article under jsdom, within the schema, with the right text', async () => {
    const doc = parse(withEverything(fixture(page.file)), page.url);
    const before = doc.documentElement.outerHTML;
    await settle();
    clobber(doc);
    const article = extractArticle(doc, page.url)!;
    expect(article).not.toBeNull();
    v.parse(ArticleDraftSchema, article);
    expect(article.title.startsWith(page.headline)).toBe(true);
    expect(article.byline).toBe(page.byline);
    expect(article.lang).toBe(page.lang);
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).toContain(page.sentence);
    expect(article.text.startsWith(page.first)).toBe(true);
    expect(article.text.endsWith(page.last)).toBe(true);
    expect(article.wordCount).toBeGreaterThan(400);
    expect(article.text).not.toMatch(/hostile page|tous droits|All rights/);
    expect(article.html).not.toMatch(/<form|<input|<img|<iframe|<embed|<object|<script|\sname=|\sid=/);
    // articleText reads the saved HTML back to the same text.
    const saved = new DOMParser().parseFromString(`<div>${article.html}</div>`, 'text/html').body.firstElementChild!;
    expect(articleText(saved)).toBe(article.text);
    // The live page keeps its markup, named elements included.
    for (const [name, , owner] of namedProperties(doc)) {
      if (!SPARED.jsdom.has(name) && name !== 'location') expect(Object.getOwnPropertyDescriptor(owner, name)?.value).toBeDefined();
    }
    expect(call(Element.prototype, 'getAttribute', all(doc, 'html')[0]!, 'data-hostile')).toBeNull();
    expect(Reflect.apply(Object.getOwnPropertyDescriptor(Element.prototype, 'outerHTML')!.get!, all(doc, 'html')[0]!, [])).toBe(before);
  });
});

describe('disarmNamedProperties', () => {
  it('leaves a clone with no named property of the document or of any form, <meta name> kept', () => {
    const doc = parse(withEverything(fixture('clobber-fr.html')), 'https://e.example/');
    expect(namedProperties(doc).length).toBeGreaterThan(300);
    const clone = doc.cloneNode(true) as Document;
    disarmNamedProperties(clone);
    expect(namedProperties(clone)).toEqual([]);
    expect(all(clone, 'meta[name="date"]').length).toBe(1);
    // Readability reads the disarmed clone even when clobbering is simulated on it.
    expect(clobber(clone)).toBe(0);
    expect(new Readability(clone).parse()?.textContent).toContain('Madame Ferrand');
  });

  it('disarms a clone whose own members are already clobbered (as a browser clone would be)', async () => {
    const doc = parse('<form id="f"><input name="querySelectorAll"><input id="removeAttribute"></form><img name="querySelectorAll">', 'https://e.example/');
    await settle();
    clobber(doc);
    disarmNamedProperties(doc);
    expect(namedProperties(doc)).toEqual([]);
  });
});
