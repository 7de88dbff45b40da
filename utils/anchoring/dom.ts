/**
 * The page's DOM as the browser defines it, not as the page has dressed it up.
 *
 * A form's named controls shadow the form's own properties (`<form><input name="firstChild">`
 * makes `form.firstChild` that input, and `name="closest"` makes `form.closest` not a function),
 * in a content script's isolated world as much as in the page: `HTMLFormElement` is
 * `[LegacyOverrideBuiltIns]`. A page can wrap its whole article in such a form (ASP.NET pages
 * do, innocently). Everything Verbatim reads from page elements while walking, anchoring or
 * placing its UI goes through the prototypes' own getters and methods here, which no named
 * element reaches.
 *
 * Looked up on first use, from the realm's own prototypes: the service worker, which imports
 * the anchoring code for matching, has no DOM at all.
 */

type Getter<T> = (self: unknown) => T;

function getter<T>(proto: object, key: string): Getter<T> {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const get = Object.getOwnPropertyDescriptor(p, key)?.get;
    if (get) return (self) => Reflect.apply(get, self, []) as T;
  }
  throw new Error(`no getter ${key}`);
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

/**
 * The pristine accessors of `node`'s realm (see the module's comment): the content script's own
 * world, or a test's jsdom or happy-dom window.
 */
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
