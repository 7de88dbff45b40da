/**
 * DOM reads a page cannot redirect.
 *
 * Named elements shadow DOM properties: `document` has [LegacyOverrideBuiltIns], so
 * `<img name="querySelectorAll">` makes `document.querySelectorAll` that image, and a form's named
 * controls shadow the form's own members (`<input name="getAttribute">`). These named properties
 * sit on the instance, in the content script's isolated world too; the prototypes do not, and the
 * page cannot reach the isolated world's prototypes. So every read of the page's DOM goes through
 * the accessor found on the object's prototype chain, never through the object itself.
 *
 * Lookups are cached per prototype: a page's elements share a handful of them.
 */

const cache = new WeakMap<object, Map<string, PropertyDescriptor>>();

/** The descriptor `name` has on `obj`'s prototype chain, skipping `obj`'s own (named) properties. */
function inherited(obj: object, name: string): PropertyDescriptor {
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto === null) throw new TypeError(`No prototype to read ${name} from`);
  let byName = cache.get(proto);
  if (!byName) cache.set(proto, (byName = new Map()));
  let found = byName.get(name);
  if (!found) {
    for (let p: object | null = proto; p && !found; p = Object.getPrototypeOf(p) as object | null) {
      found = Reflect.getOwnPropertyDescriptor(p, name);
    }
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
