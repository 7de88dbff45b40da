/**
 * citeproc-js, the engine behind Zotero and Mendeley, behind one call: an item in a CSL style and
 * a locale, as the in-text citation (or the note, in a note style) and the bibliography entry.
 * Pure: runs in Node, an extension page or a worker (citeproc-js parses the XML itself).
 */
import CSL from 'citeproc';
import type { CslItem } from '../domain/csl';

/** Locale files by tag (`en-US`, `fr-FR`…): serialised CSL locale XML. Must hold `en-US`. */
export type Locales = Readonly<Record<string, string>>;

export interface Rendered {
  /** True for a note style (Chicago notes): `citation` is the footnote's text. */
  note: boolean;
  /** The in-text citation, `(Martin, 2024)`, or the note. */
  citation: string;
  /** The entry of the reference list. */
  bibliography: string;
}

export interface RenderOptions {
  /** BCP 47 tag the citation is written in; a style's own default-locale wins. */
  lang: string;
  format: 'text' | 'html';
  /** Put before the citation, inside its parentheses: "Camus, cité par ". */
  prefix?: string;
}

/** The best locale tag for a language among those there are: exact, then same language, then en-US. */
export function localeFor(lang: string, locales: Locales): string {
  const tags = Object.keys(locales);
  const exact = tags.find((t) => t.toLowerCase() === lang.toLowerCase());
  if (exact) return exact;
  const base = lang.toLowerCase().split(/[-_]/u)[0];
  return tags.find((t) => t.toLowerCase().split('-')[0] === base) ?? 'en-US';
}

const engines = new Map<string, { engine: InstanceType<typeof CSL.Engine>; items: Map<string, CslItem> }>();
const MAX_ENGINES = 12;

/** An engine for a style in a language, reused: building one parses the style and its locale (tens of ms). */
function engineFor(style: string, lang: string, locales: Locales) {
  // The locale's text is in the key: a locale the user adds later is not hidden by an engine made before.
  const key = `${lang}\u0000${locales[localeFor(lang, locales)] ?? ''}\u0000${style}`;
  let entry = engines.get(key);
  if (!entry) {
    const items = new Map<string, CslItem>();
    const sys = {
      retrieveLocale: (tag: string) => {
        const found = localeFor(tag, locales);
        // citeproc-js asks for en-US first, then the style's or the citation's language.
        return found.toLowerCase().split('-')[0] === tag.toLowerCase().split('-')[0] || tag === 'en-US' ? locales[found] ?? false : false;
      },
      retrieveItem: (id: string) => items.get(id),
    };
    const engine = new CSL.Engine(sys, style, localeFor(lang, locales), false);
    entry = { engine, items };
    if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value!);
    engines.set(key, entry);
  }
  return entry;
}

/**
 * The item formatted by the style. Throws what citeproc-js throws for a style it cannot read
 * (what the options check a user's style file with).
 */
export function render(item: CslItem, style: string, locales: Locales, opts: RenderOptions): Rendered {
  const { engine, items } = engineFor(style, opts.lang, locales);
  items.clear();
  items.set(item.id, item);
  engine.setOutputFormat(opts.format);
  engine.updateItems([item.id]);
  const citation = engine.makeCitationCluster([{ id: item.id, ...(opts.prefix ? { prefix: opts.prefix } : {}) }]);
  const bib = engine.makeBibliography();
  const entry = bib ? (bib[1][0] ?? '') : '';
  return {
    note: engine.opt.xclass === 'note',
    citation: clean(citation, opts.format),
    bibliography: clean(entry, opts.format),
  };
}

export interface RenderedSources {
  /** True for a note style (Chicago notes): each citation is a footnote's text. */
  note: boolean;
  /** One per cite asked for, in order: the in-text citation, or the note. */
  citations: string[];
  /** The reference list as the style sorts it, each item once, with the item's id. */
  bibliography: Array<{ id: string; entry: string }>;
}

/**
 * Several items formatted together (a draft's sources, issue #17): the citation of each id in
 * `cites`, and one reference list sorted and disambiguated by the style. Every citation is made on
 * its own, so a note style gives the full note each time (no "ibid.").
 */
export function renderSources(items: readonly CslItem[], cites: readonly string[], style: string, locales: Locales, opts: Omit<RenderOptions, 'prefix'>): RenderedSources {
  const { engine, items: known } = engineFor(style, opts.lang, locales);
  known.clear();
  for (const item of items) known.set(item.id, item);
  engine.setOutputFormat(opts.format);
  engine.updateItems(items.map((i) => i.id));
  // Without positions, an item's citation is the same each time: made once per item.
  const made = new Map<string, string>();
  const citations = cites.map((id) => {
    let citation = made.get(id);
    if (citation === undefined) made.set(id, (citation = clean(engine.makeCitationCluster([{ id }]), opts.format)));
    return citation;
  });
  const bib = items.length ? engine.makeBibliography() : false;
  const bibliography = bib ? bib[1].map((entry, i) => ({ id: String(bib[0].entry_ids[i]?.[0] ?? ''), entry: clean(entry, opts.format) })) : [];
  return { note: engine.opt.xclass === 'note', citations, bibliography };
}

/** The entry without citeproc-js's wrapping div and newline. */
function clean(out: string, format: 'text' | 'html'): string {
  const text = format === 'html' ? out.replace(/^\s*<div class="csl-entry">([\s\S]*)<\/div>\s*$/u, '$1') : out;
  return text.trim();
}
