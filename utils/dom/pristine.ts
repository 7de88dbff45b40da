/**
 * The page's DOM as the browser defines it, not as the page has dressed it up: DOM reads a page
 * cannot redirect.
 *
 * Named elements shadow DOM properties: `document` has [LegacyOverrideBuiltIns], so
 * `<img name="querySelectorAll">` makes `document.querySelectorAll` that image, and so has
 * `HTMLFormElement`: a form's named controls shadow the form's own members
 * (`<form><input name="firstChild">` makes `form.firstChild` that input, and `name="closest"` makes
 * `form.closest` not a function). A page can wrap its whole article in such a form (ASP.NET pages
 * do, innocently). These named properties sit on the instance, in a content script's isolated world
 * as much as in the page; the prototypes do not, and the page cannot reach the isolated world's
 * prototypes. So everything Verbatim reads from a page's DOM — walking, anchoring, placing its UI,
 * extracting an article — goes through the accessor found on the object's prototype chain, never
 * through the object itself.
 *
 * Two shapes of the same reads:
 * - `dom(node)`: a realm's `Node` and `Element` accessors, looked up once per realm (the content
 *   script's own world, or a test's jsdom or happy-dom window), for the hot walks of anchoring;
 * - `query`, `getAttr`, `textContent`…: the member found on the object's own prototype chain,
 *   cached per prototype, for the reads of extraction, which also reach members that differ by
 *   interface (`Document`'s `querySelectorAll` is not `Element`'s).
 *
 * Everything is looked up on first use: the service worker, which imports the anchoring code for
 * matching, has no DOM at all.
 */

/** The first descriptor of `key` on the prototype chain from `proto` up that `accept` takes. */
function onChain(proto: object | null, key: string, accept: (d: PropertyDescriptor) => boolean = () => true): PropertyDescriptor | undefined {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Reflect.getOwnPropertyDescriptor(p, key);
    if (d && accept(d)) return d;
  }
  return undefined;
}

// ---- A realm's accessors, bound once (anchoring) ----

type Getter<T> = (self: unknown) => T;

function getter<T>(proto: object, key: string): Getter<T> {
  const get = onChain(proto, key, (d) => !!d.get)?.get;
  if (!get) throw new Error(`no getter ${key}`);
  return (self) => Reflect.apply(get, self, []) as T;
}

/** A prototype's method, called on any object; one the environment lacks (jsdom has no layout) throws when called. */
function method<A extends unknown[], T>(proto: object, key: string): (self: unknown, ...args: A) => T {
  const fn = (proto as Record<string, unknown>)[key];
  return (self, ...args) => {
    if (typeof fn !== 'function') throw new TypeError(`${key} is not available here`);
    return Reflect.apply(fn as (...a: A) => T, self, args) as T;
  };
}

function build(node: object, element: object) {
  return {
    nodeType: getter<number>(node, 'nodeType'),
    parentNode: getter<Node | null>(node, 'parentNode'),
    parentElement: getter<Element | null>(node, 'parentElement'),
    firstChild: getter<Node | null>(node, 'firstChild'),
    nextSibling: getter<Node | null>(node, 'nextSibling'),
    childNodes: getter<NodeListOf<ChildNode>>(node, 'childNodes'),
    ownerDocument: getter<Document | null>(node, 'ownerDocument'),
    contains: method<[Node | null], boolean>(node, 'contains'),
    compareDocumentPosition: method<[Node], number>(node, 'compareDocumentPosition'),
    localName: getter<string>(element, 'localName'),
    hasAttribute: method<[string], boolean>(element, 'hasAttribute'),
    closest: method<[string], Element | null>(element, 'closest'),
    getBoundingClientRect: method<[], DOMRect>(element, 'getBoundingClientRect'),
    scrollIntoView: method<[ScrollIntoViewOptions?], void>(element, 'scrollIntoView'),
  };
}

export type Dom = ReturnType<typeof build>;

/** Accessors per realm, keyed by that realm's `Node.prototype`. */
const realms = new WeakMap<object, Dom>();

/** The pristine accessors of `node`'s realm (see the module's comment). */
export function dom(node: Node): Dom {
  let proto: object | null = Object.getPrototypeOf(node);
  while (proto && !Object.hasOwn(proto, 'nodeType')) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new TypeError('not a DOM node');
  let found = realms.get(proto);
  if (!found) {
    const nodeType = getter<number>(proto, 'nodeType');
    const owner = nodeType(node) === 9 ? (node as Document) : getter<Document>(proto, 'ownerDocument')(node);
    const view = owner.defaultView as (Window & typeof globalThis) | null;
    const element = view?.Element.prototype ?? globalThis.Element.prototype;
    found = build(proto, element);
    realms.set(proto, found);
  }
  return found;
}

/** Whether `node` is an element (by the pristine `nodeType`). */
export const isElement = (node: Node): node is Element => dom(node).nodeType(node) === 1;

/** The element a node is or sits in (a text node's parent), by the pristine getters. */
export function elementOf(node: Node): Element | null {
  const d = dom(node);
  return d.nodeType(node) === 1 ? (node as Element) : d.parentElement(node);
}

/** `el.closest(selector)` that a form's named controls cannot break; null on a bad selector too. */
export function closestOf(node: Node | null, selector: string): Element | null {
  const el = node ? elementOf(node) : null;
  if (!el) return null;
  try {
    return dom(el).closest(el, selector);
  } catch {
    return null;
  }
}

// ---- Reads by member name, from the object's own prototype chain (extraction) ----

const cache = new WeakMap<object, Map<string, PropertyDescriptor>>();

/** The descriptor `name` has on `obj`'s prototype chain, skipping `obj`'s own (named) properties. */
function inherited(obj: object, name: string): PropertyDescriptor {
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto === null) throw new TypeError(`No prototype to read ${name} from`);
  let byName = cache.get(proto);
  if (!byName) cache.set(proto, (byName = new Map()));
  let found = byName.get(name);
  if (!found) {
    found = onChain(proto, name);
    if (!found) throw new TypeError(`${name} is not a DOM member of this object`);
    byName.set(name, found);
  }
  return found;
}

/** `obj[name]` as its prototype defines it (an accessor's getter, else the inherited value). */
function read<T>(obj: object, name: string): T {
  const d = inherited(obj, name);
  return (d.get ? Reflect.apply(d.get, obj, []) : d.value) as T;
}

/** `obj[name](...args)` with the method its prototype defines. */
function invoke<T>(obj: object, name: string, ...args: unknown[]): T {
  return Reflect.apply(inherited(obj, name).value as (...a: unknown[]) => unknown, obj, args) as T;
}

type Root = Document | Element | DocumentFragment;

/** `root.querySelectorAll(selector)` as an array (a static snapshot). */
export const queryAll = (root: Root, selector: string): Element[] => Array.from(invoke<NodeListOf<Element>>(root, 'querySelectorAll', selector));
export const query = (root: Root, selector: string): Element | null => invoke(root, 'querySelector', selector);

export const getAttr = (el: Element, name: string): string | null => invoke(el, 'getAttribute', name);
export const hasAttr = (el: Element, name: string): boolean => invoke(el, 'hasAttribute', name);
export const removeAttr = (el: Element, name: string): void => invoke(el, 'removeAttribute', name);
export const closest = (el: Element, selector: string): Element | null => invoke(el, 'closest', selector);

export const localName = (el: Element): string => read(el, 'localName');
export const parentElement = (node: Node): Element | null => read(node, 'parentElement');
export const textContent = (node: Node): string => read<string | null>(node, 'textContent') ?? '';
export const firstChild = (node: Node): ChildNode | null => read(node, 'firstChild');
export const nextSibling = (node: Node): ChildNode | null => read(node, 'nextSibling');
export const nodeType = (node: Node): number => read(node, 'nodeType');
export const textData = (node: CharacterData): string => read(node, 'data');

/** An element's id and its classes, as written in its attributes. */
export const elementId = (el: Element): string => getAttr(el, 'id') ?? '';
export const classNames = (el: Element): string[] => (getAttr(el, 'class') ?? '').split(/[ \t\n\f\r]+/).filter(Boolean);

export const documentElement = (doc: Document): Element | null => read(doc, 'documentElement');
export const defaultView = (doc: Document): Window | null => read(doc, 'defaultView');
export const baseURI = (node: Node): string => read(node, 'baseURI');
export const cloneNode = <T extends Node>(node: T, deep: boolean): T => invoke(node, 'cloneNode', deep);
export const implementation = (doc: Document): DOMImplementation => read(doc, 'implementation');

/**
 * Elements that are named properties of a document or a form, per the HTML standard:
 * - `Document`'s: `embed`, `form`, `iframe`, `img`, `object` by `name`; `object` by `id`; `img` by `id`
 *   when it also has a `name` (https://html.spec.whatwg.org/#dom-document-nameditem);
 * - `HTMLFormElement`'s: its listed elements (`button`, `fieldset`, `input`, `object`, `output`,
 *   `select`, `textarea`) and its `img`s, by `id` and by `name`
 *   (https://html.spec.whatwg.org/#the-form-element, "supported property names").
 * A clone has no browsing context, so no custom element in it is upgraded to a form-associated one,
 * and its forms have empty past-names maps. `<meta name>` is no named property and carries metadata.
 */
const NAMED_BY_NAME = '[name]:not(meta)';
const NAMED_BY_ID = 'object[id], embed[id], img[id], button[id], fieldset[id], input[id], output[id], select[id], textarea[id]';

/**
 * Removes from `doc` every attribute that makes an element a named property of the document or of
 * a form, so that code given `doc` afterwards (Readability) reads the real `getElementsByTagName`,
 * `body`, `getAttribute`... For a clone only: the live page keeps its markup.
 */
export function disarmNamedProperties(doc: Document): void {
  for (const el of queryAll(doc, NAMED_BY_NAME)) removeAttr(el, 'name');
  for (const el of queryAll(doc, NAMED_BY_ID)) removeAttr(el, 'id');
}
