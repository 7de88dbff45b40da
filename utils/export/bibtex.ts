/**
 * BibTeX for biblatex (issue #16): one `@online` entry per article, with `url` and `urldate`, its
 * quotes and notes in `annotation` (biblatex's field for a reader's annotations; Zotero imports
 * it as a note), one paragraph (`\par`) each, its tags in `keywords`. Pure.
 *
 * The file is UTF-8, as biber reads it: accents, guillemets and every other character are
 * written as they are; only what LaTeX would read as markup is escaped (`\ { } & % $ # _ ~ ^ < >`,
 * and ligatures such as `--` broken).
 * ```bib
 * @online{dupont2024etat,
 *   author = {Dupont, Jeanne},
 *   title = {L’État \& « moi »},
 *   organization = {Le Monde},
 *   date = {2024-03-05},
 *   url = {https://example.fr/article},
 *   urldate = {2026-12-04},
 *   langid = {french},
 *   keywords = {politique},
 *   annotation = {« Le passage » — Albert Camus},
 * }
 * ```
 */
import type { CslDate, CslName } from '../domain/csl';
import type { ReferenceEntry } from './references';

const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In TeX's OT1 text, < and > print ¡ and ¿: named, they print themselves.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * Text as a BibTeX field's content: LaTeX's special characters escaped, control characters
 * dropped, a paragraph break (a blank line, which would end the field for TeX) written `\par`.
 */
export function latexText(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n[ \t]*\n/u)
    .map((para) =>
      para
        .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/gu, '')
        .replace(/[\\{}&%$#_~^<>]/gu, (c) => LATEX_SPECIAL[c]!)
        // TeX's ligatures: -- and --- are dashes, `` and '' quotes, !` and ?` ¡ and ¿.
        .replace(/([-`'!?])(?=[-`'])/gu, '$1{}')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\\par\n');
}

/**
 * A URL in `url` (a verbatim field: read as written, no escapes), with what would unbalance its
 * braces or end the field percent-encoded.
 */
export function latexUrl(url: string): string {
  return url.replace(/[{}\\\s]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Names as BibTeX lists them: `Family, Given and …`; an organisation braced so it is never split. */
export function bibNames(names: readonly CslName[]): string {
  return names
    .map((n) => {
      if (n.literal) return `{${latexText(n.literal)}}`;
      const family = n.family ? latexText(n.family) : '';
      // A family name of several words ("de La Fontaine", "Van Gogh"): braced, kept whole.
      const last = /\s/u.test(family) ? `{${family}}` : family;
      return n.given ? `${last}, ${latexText(n.given)}` : last;
    })
    .filter(Boolean)
    .join(' and ');
}

/** `2024`, `2024-03` or `2024-03-05`: biblatex's ISO 8601 dates. */
export function isoDate(date: CslDate | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts?.[0]) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return [String(parts[0]).padStart(4, '0'), ...parts.slice(1).filter((p): p is number => typeof p === 'number').map(pad)].join('-');
}

/** babel's name of a language, biblatex's `langid`; undefined for one it does not name here. */
const LANGIDS: Record<string, string> = {
  fr: 'french',
  en: 'english',
  de: 'ngerman',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
};
const langidOf = (lang: string | undefined) => {
  if (!lang) return undefined;
  const [base = '', region = ''] = lang.toLowerCase().split(/[-_]/u);
  if (base === 'en' && region === 'us') return 'american';
  if (base === 'en' && region === 'gb') return 'british';
  return LANGIDS[base];
};

/** ASCII letters of a word, accents dropped, lower case. */
const keyPart = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/gu, '')
    .toLowerCase();

const STOP = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'of', 'on', 'in']);

/** A citation key in the usual shape, `author` + year + first word of the title (`dupont2024etat`). */
function baseKey(entry: ReferenceEntry): string {
  const { item } = entry;
  const first = item.author?.[0];
  const who = keyPart(first?.family ?? first?.literal?.split(/\s+/u)[0] ?? item['container-title']?.split(/\s+/u)[0] ?? '');
  const year = item.issued?.['date-parts']?.[0]?.[0];
  const word = (item.title ?? '').split(/[\s'’]+/u).map(keyPart).find((w) => w && !STOP.has(w)) ?? '';
  return `${who}${year ?? ''}${word}`.slice(0, 40) || 'verbatim';
}

/** The entries as a biblatex `.bib` file; each key unique (`b`, `c`… added to a repeated one). */
export function toBibLatex(entries: readonly ReferenceEntry[]): string {
  const used = new Set<string>();
  const out: string[] = [];
  for (const entry of entries) {
    const base = baseKey(entry);
    let key = base;
    for (let i = 1; used.has(key); i++) key = `${base}${suffix(i)}`;
    used.add(key);
    out.push(bibEntry(key, entry));
  }
  return out.join('\n');
}

/** `b`, `c`, … `z`, `ba`…: a repeated key's suffix (the first one keeps the bare key). */
function suffix(i: number): string {
  let s = '';
  for (let n = i; n > 0; n = Math.floor(n / 26)) s = String.fromCharCode(97 + (n % 26)) + s;
  return s;
}

function bibEntry(key: string, { item, notes, keywords }: ReferenceEntry): string {
  const fields: Array<[string, string | undefined]> = [
    ['author', item.author?.length ? bibNames(item.author) : undefined],
    ['title', item.title ? latexText(item.title) : undefined],
    ['organization', item['container-title'] ? latexText(item['container-title']) : undefined],
    ['date', isoDate(item.issued)],
    ['url', item.URL ? latexUrl(item.URL) : undefined],
    ['urldate', isoDate(item.accessed)],
    ['langid', langidOf(item.language)],
    ['keywords', keywords.length ? keywords.map(latexText).join(', ') : undefined],
    ['abstract', item.abstract ? latexText(item.abstract) : undefined],
    ['annotation', notes.length ? latexText(notes.join('\n\n')) : undefined],
  ];
  const body = fields.filter((f): f is [string, string] => !!f[1]).map(([name, value]) => `  ${name} = {${value}},`);
  return `@online{${key},\n${body.join('\n')}\n}\n`;
}
