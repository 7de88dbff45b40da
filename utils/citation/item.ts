/**
 * A source as CSL-JSON (issue #16): what citeproc-js formats in every style and what reference
 * managers import (CSL-JSON, BibTeX, RIS exports). Pure: no browser APIs, no DOM.
 */
import type { CslDate, CslItem, CslName, CslType } from '../domain/csl';
import type { Attribution, PageMeta } from '../domain/model';

/** What an item needs from a note: its page, and the attribution a quote kept. */
export type ItemNote = { url: string; attribution?: Attribution };

/** What an item needs from the article (stored `Article`, `PageMeta` or an attribution). */
export type ItemArticle = Partial<PageMeta> & { id?: string; excerpt?: string; author?: string; siteName?: string };

/**
 * The CSL-JSON item of the source a note is on.
 *
 * Each field comes from the note's attribution (what a quote kept when it was made) before the
 * article's; `accessed` is when the reader read it (a note's `createdAt`, or now), as the reader's
 * local calendar day. `note` may be undefined for an article on its own (one entry per article).
 * The id is the article's when it has one, else the source's URL, so every note on one article
 * gives the same item.
 */
export function cslItemOf(
  note: ItemNote | undefined,
  article: ItemArticle | undefined,
  accessed: Date | number,
): CslItem {
  const attribution = note?.attribution;
  const url = text(attribution?.url) ?? text(article?.canonicalUrl) ?? text(article?.url) ?? note?.url ?? '';
  const title = text(attribution?.title) ?? text(article?.title);
  const named = text(attribution?.siteName) ?? text(article?.siteName);
  let byline = text(attribution?.author) ?? text(article?.byline) ?? text(article?.author);
  if (byline && same(byline, title)) byline = undefined;
  // Pages often give their own name as the author or the title ("Le Monde, Le Monde"): said once.
  const site = named ? (same(named, title) || same(named, byline) ? undefined : named) : hostOf(url);

  const item: CslItem = { id: text(article?.id) ?? url, type: sourceType(url, site) };
  if (title) item.title = title;
  // A byline that is the site's own name is the organisation, never a person ("Le Monde").
  const authors = byline ? (named && same(named, byline) ? [{ literal: byline }] : namesOf(byline)) : [];
  if (authors.length) item.author = authors;
  if (site) item['container-title'] = site;
  const issued = dateOf(text(attribution?.publishedTime) ?? text(article?.publishedTime));
  if (issued) item.issued = issued;
  const day = new Date(accessed);
  if (!Number.isNaN(day.getTime())) {
    item.accessed = { 'date-parts': [[day.getFullYear(), day.getMonth() + 1, day.getDate()]] };
  }
  if (url) item.URL = url;
  const lang = text(article?.lang);
  if (lang) item.language = lang;
  const abstract = text(article?.excerpt);
  if (abstract) item.abstract = abstract;
  return item;
}

/** Newspapers and magazines whose pages say so by their host; everything else by its URL's shape. */
const NEWSPAPERS =
  /(^|\.)(lemonde\.fr|lefigaro\.fr|liberation\.fr|leparisien\.fr|lesechos\.fr|la-croix\.com|ouest-france\.fr|20minutes\.fr|humanite\.fr|mediapart\.fr|nytimes\.com|washingtonpost\.com|theguardian\.com|wsj\.com|ft\.com|latimes\.com|usatoday\.com|bbc\.co\.uk|bbc\.com|reuters\.com|apnews\.com|independent\.co\.uk|telegraph\.co\.uk|thetimes\.co\.uk|lesoir\.be|letemps\.ch|ledevoir\.com|lapresse\.ca)$/u;
const MAGAZINES =
  /(^|\.)(lexpress\.fr|lepoint\.fr|nouvelobs\.com|telerama\.fr|challenges\.fr|marianne\.net|lesinrocks\.com|courrierinternational\.com|newyorker\.com|theatlantic\.com|time\.com|forbes\.com|fortune\.com|economist\.com|wired\.com|hbr\.org|newsweek\.com|vanityfair\.com|rollingstone\.com)$/u;
const BLOGS = /(^|\.)(medium\.com|substack\.com|wordpress\.com|blogspot\.com|over-blog\.com|hashnode\.dev|ghost\.io|dev\.to)$|(^|\.)blog\./u;

/** The CSL type: a newspaper or magazine article by its host, a blog post by its host or path, else a web page. */
function sourceType(url: string, site: string | undefined): CslType {
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase().replace(/^www\./u, '');
    path = u.pathname.toLowerCase();
  } catch {
    // Not a URL: only the site's name is left to tell.
  }
  if (NEWSPAPERS.test(host)) return 'article-newspaper';
  if (MAGAZINES.test(host)) return 'article-magazine';
  if (BLOGS.test(host) || /(^|\/)blog(s)?(\/|$)/u.test(path) || /\bblog\b/iu.test(site ?? '')) return 'post-weblog';
  return 'webpage';
}

/** Words that join a family name to the given name ("Charles de Gaulle", "Ludwig van Beethoven"). */
const PARTICLES = new Set(['de', 'du', 'des', 'd’', "d'", 'le', 'la', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'della', 'dos', 'ter', 'ten']);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv)$/iu;
/** Words that say a byline is an organisation or a team, not a person. */
const ORGANISATION =
  /\b(rédaction|redaction|équipe|equipe|team|staff|editors?|editorial|agence|agency|press|presse|afp|reuters|associated|inc\.?|ltd\.?|llc|sa|sas|gmbh|group|groupe|company|société|association|université|university|ministère|ministry|institut|institute|foundation|fondation|service|news|desk|lab)\b/iu;

/**
 * The people a byline names: "By Jane Doe and John Smith", "Jeanne Martin, Paul Durand",
 * "Par Jeanne Martin et Paul Durand". A byline that does not read as people's names (an
 * organisation, a handle, a long phrase) is one `literal` name, printed as written.
 */
export function namesOf(byline: string): CslName[] {
  const cleaned = byline
    .replace(/\s+/gu, ' ')
    .replace(/^(by|par|from|written by|écrit par|propos recueillis par)\s+/iu, '')
    .trim();
  if (!cleaned) return [];
  const parts = cleaned
    .split(/\s*(?:,|;|&|\band\b|\bet\b|\+)\s*/iu)
    .map((p) => p.trim())
    .filter(Boolean);
  // "Doe, Jane": a single person written family first.
  if (parts.length === 2 && !parts[0]!.includes(' ') && !parts[1]!.includes(' ') && /,/u.test(cleaned) && !/\b(and|et)\b|&/iu.test(cleaned)) {
    return [{ family: parts[0]!, given: parts[1]! }];
  }
  const people = parts.map(personName);
  if (people.some((p) => p === undefined)) return [{ literal: cleaned }];
  return people as CslName[];
}

function personName(part: string): CslName | undefined {
  if (ORGANISATION.test(part) || /[\d@#/:]|https?/u.test(part)) return undefined;
  const words = part.split(' ');
  if (words.length < 2 || words.length > 5) return undefined;
  if (/^(le|la|les|l’|l'|the|a|an|un|une)$/iu.test(words[0]!)) return undefined;
  if (!words.every((w) => /^[\p{Lu}\p{Ll}][\p{L}\p{M}.’'-]*$/u.test(w))) return undefined;
  const tail = SUFFIXES.test(words[words.length - 1]!) ? words.pop() : undefined;
  // The family name starts at the first particle after the given name, else it is the last word.
  let start = words.length - 1;
  for (let i = 1; i < words.length - 1; i++) {
    if (PARTICLES.has(words[i]!.toLowerCase())) {
      start = i;
      break;
    }
  }
  const given = words.slice(0, start).join(' ');
  const family = words.slice(start).join(' ');
  if (!/^\p{Lu}/u.test(given) || !/\p{Lu}/u.test(family)) return undefined;
  return tail ? { family, given, suffix: tail } : { family, given };
}

/**
 * A page's ISO date as CSL date parts, kept at the precision the page gave and on the day the page
 * declared, whatever the time zone; anything else as `raw` for citeproc-js to read, or nothing.
 */
export function dateOf(value: string | undefined): CslDate | undefined {
  if (!value) return undefined;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T|\s)/u.exec(value);
  if (iso) {
    const y = Number(iso[1]);
    const m = iso[2] ? Number(iso[2]) : undefined;
    const d = iso[3] ? Number(iso[3]) : undefined;
    if (m !== undefined && (m < 1 || m > 12)) return undefined;
    if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y, m!, 0)).getUTCDate())) return undefined;
    const parts: [number, number?, number?] = d !== undefined ? [y, m, d] : m !== undefined ? [y, m] : [y];
    return { 'date-parts': [parts] };
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  return { 'date-parts': [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] };
}

function text(value: string | undefined): string | undefined {
  const v = value?.replace(/\s+/gu, ' ').trim();
  return v ? v : undefined;
}

function same(a: string, b: string | undefined): boolean {
  return b !== undefined && a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./u, '') || undefined;
  } catch {
    return undefined;
  }
}
