/**
 * A Vite plugin that takes the last `innerHTML` assignments out of the libraries we bundle, so the
 * Firefox package passes addons-linter with no UNSAFE_VAR_ASSIGNMENT warning (issue #11, point 7).
 *
 * Our own code assigns no HTML string anywhere; these four sinks are all in dependencies. Each is
 * either dead code for Verbatim (replaced by a throw, so it fails loudly if ever reached) or
 * replaced by an equivalent DOM operation that parses nothing into a live document. The linter is
 * not fooled: the sink is gone from the shipped code. Matching is strict: a patch that finds its
 * code anything but exactly once fails the build, so an upgrade of one of these libraries makes
 * someone look again instead of quietly shipping the sink (tests/no-html-sinks.test.ts checks the
 * installed versions, and that patched Readability extracts exactly what the original does).
 */
import type { Plugin } from 'vite';

export interface SinkPatch {
  /** The patched file, as the end of its resolved path. */
  file: string;
  /** Why the replacement is safe and behaves the same for Verbatim. */
  why: string;
  /** What is replaced; a RegExp must match exactly once (no `g` flag: `count` checks that). */
  find: string | RegExp;
  replace: string;
}

export const SINK_PATCHES: readonly SinkPatch[] = [
  {
    file: 'node_modules/preact/dist/preact.mjs',
    why:
      "Preact's dangerouslySetInnerHTML: no Verbatim component uses it (every page renders text " +
      'or DOM nodes), so the branch throws instead of parsing a string into the page.',
    // Minified: `(t.innerHTML=h.__html)`, with whatever names the minifier chose.
    find: /\(([\w$]+)\.innerHTML=([\w$]+)\.__html\)/,
    replace: '(()=>{throw Error("Verbatim: dangerouslySetInnerHTML is not supported")})()',
  },
  {
    file: 'node_modules/dompurify/dist/purify.es.mjs',
    why:
      "DOMPurify's fallback for a non-HTML NAMESPACE or a missing DOMParser: Verbatim never sets " +
      'NAMESPACE and every browser has DOMParser. Without the innerHTML parse the fallback ' +
      'document stays empty, so sanitize returns nothing (fails closed) instead of parsing the ' +
      'dirty string into it.',
    find: 'doc.documentElement.innerHTML = IS_EMPTY_INPUT ? emptyHTML : dirtyPayload;',
    replace: '/* Verbatim: no innerHTML parse here; the document stays empty. */',
  },
  {
    file: 'node_modules/@mozilla/readability/Readability.js',
    why:
      "Readability keeps the page's markup to restore it before each retry: a deep clone instead " +
      'of an HTML string, restored as copies of its nodes (the same tree, without re-parsing).',
    find: 'var pageCacheHtml = page.innerHTML;',
    replace: 'var pageCache = page.cloneNode(true);',
  },
  {
    file: 'node_modules/@mozilla/readability/Readability.js',
    why: 'The retry restores the page from the clone taken above.',
    find: /\n\s*\/\/ eslint-disable-next-line no-unsanitized\/property\n(\s*)page\.innerHTML = pageCacheHtml;/,
    replace: '\n$1page.replaceChildren(...pageCache.cloneNode(true).childNodes);',
  },
  {
    file: 'node_modules/@mozilla/readability/Readability.js',
    why:
      "A <noscript> holding a single image is unwrapped: its markup is parsed by DOMParser into an " +
      'inert document (no scripts, no loads, as in the detached clone Readability works on) and ' +
      'the nodes are imported, instead of being assigned to innerHTML.',
    find: /\n\s*\/\/ eslint-disable-next-line no-unsanitized\/property\n(\s*)tmp\.innerHTML = noscript\.innerHTML;/,
    replace:
      '\n$1var parsed = new DOMParser().parseFromString(noscript.innerHTML, "text/html");' +
      '\n$1tmp.append(...Array.from(parsed.body.childNodes, (n) => doc.importNode(n, true)));',
  },
];

/** How many times `find` occurs in `code`. */
function count(code: string, find: string | RegExp): number {
  if (typeof find === 'string') return code.split(find).length - 1;
  return code.match(new RegExp(find.source, find.flags + 'g'))?.length ?? 0;
}

/**
 * `code` (the text of `id`) with every patch for that file applied; undefined when no patch is for
 * this file. @throws Error when a patch's code is not found exactly once.
 */
export function patchSinks(id: string, code: string): string | undefined {
  const path = id.split('?')[0]!.replaceAll('\\', '/');
  const patches = SINK_PATCHES.filter((p) => path.endsWith(p.file));
  if (patches.length === 0) return undefined;
  let out = code;
  for (const p of patches) {
    const n = count(out, p.find);
    if (n !== 1) {
      throw new Error(
        `no-html-sinks: expected the code to patch once in ${p.file}, found it ${n} times ` +
          `(was the library upgraded? re-check: ${p.why})`,
      );
    }
    out = typeof p.find === 'string' ? out.replace(p.find, () => p.replace) : out.replace(p.find, p.replace);
  }
  if (/\.innerHTML\s*=[^=]/.test(out)) throw new Error(`no-html-sinks: ${path} still assigns innerHTML`);
  return out;
}

/** The Vite plugin: applies {@link SINK_PATCHES} as the files are loaded. */
export function noHtmlSinks(): Plugin {
  return {
    name: 'verbatim:no-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      const out = patchSinks(id, code);
      return out === undefined ? null : { code: out, map: null };
    },
  };
}
