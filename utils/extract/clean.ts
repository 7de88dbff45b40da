/**
 * What a page declares, made fit to keep: whitespace collapsed, long values cut, a byline reduced
 * to the name, a language tag made canonical, a date checked to be one, the site's name dropped
 * from a title. Pure string work; meta.ts finds the values in the page.
 */

/**
 * Longest title, byline or site name the message schemas accept (`shortText()` in utils/messaging/protocol.ts).
 * A page's longer value is cut here, never a reason for the schemas to refuse the page.
 */
export const MAX_META_TEXT = 2_000;

/** RFC 5646 §4.4.1: 35 characters hold every tag worth keeping (and `shortText(35)` in the schemas). */
const MAX_LANG = 35;

/** Collapses whitespace runs (NBSP included: metadata is not typeset) and trims. */
export const collapseSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A cleaned value, or undefined when nothing is left. */
export const clean = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const out = collapseSpace(s);
  return out === '' ? undefined : out;
};

/**
 * `s` cut to at most `max` characters: at the last space in the second half of the allowance
 * (else mid-word, never inside a surrogate pair), ending with an ellipsis.
 */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1; // room for the ellipsis
  if (/[\uD800-\uDBFF]/.test(s.charAt(end - 1))) end -= 1;
  for (let i = end; i >= max / 2; i--) {
    if (/\s/.test(s.charAt(i))) {
      end = i;
      break;
    }
  }
  return s.slice(0, end).replace(/[\s,;:·•|–—-]+$/u, '') + '…';
}

/** Whether a value is a web address (a byline that is one is no name). */
export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Drops undefined-valued keys so results compare and serialise cleanly. */
export function withoutUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

const BYLINE_PREFIX =
  /^(?:(?:written|posted|published|publié|publiée|écrit|écrite|rédigé|rédigée)\s+)?(?:by|par)\s*:?\s+|^(?:author|auteur|autrice|auteure)\s*:\s*/i;
/** "De Léa Martin" is a byline, "De Gaulle" a name: only strip "de" before two or more words. */
const BYLINE_DE = /^de\s+(?=\S+\s+\S)/i;
/** What follows the name once a separator leads to a digit: "· 3 mars 2020", ", le 12/03", " on May 1, 2024". */
const BYLINE_DATE_TAIL = /(?:\s+[·•|–—-]\s*|\s*[·•|]\s*|\s*,\s*|\s+(?:on|le|am|el|the)\s+).*\d.*$/i;

/**
 * An author as people write it in a byline: "By Jane Doe", "Par Léa Martin · 3 mars 2020",
 * "Publié par X le 12/03/2020" all give the name. Undefined when what is left is not a name
 * (empty, a URL, or longer than a line).
 */
export function cleanByline(raw: string | null | undefined): string | undefined {
  // A byline is a line: the first 1,000 characters are plenty, and they bound the cost of
  // BYLINE_DATE_TAIL, quadratic on a long run of separators with no digit after them.
  const s = clean(raw)
    ?.slice(0, 1_000)
    .replace(BYLINE_PREFIX, '')
    .replace(BYLINE_DE, '')
    .replace(BYLINE_DATE_TAIL, '')
    .replace(/[\s,·•|–—-]+$/, '')
    .trim();
  if (!s || s.length > 100 || !/\p{L}/u.test(s) || isUrl(s) || /^(?:by|par|de)$/i.test(s)) return undefined;
  return s;
}

const LANG_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** The canonical form of a well-formed language tag (`EN-gb` → `en-GB`, `iw` → `he`), else undefined. */
function canonicalLang(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined; // RangeError: not a well-formed tag (`en-x`, `fr-FR-FR`)
  }
}

/**
 * `fr_FR` → `fr-FR`; undefined unless it is a well-formed BCP 47 tag naming a language (`und` does
 * not). A tag longer than {@link MAX_LANG}, or ill-formed after a well-formed start, loses subtags
 * from its end until it is neither: `fr-FR-x-` followed by a hundred characters of private
 * subtags keeps the first few, `fr-FR-FR` is `fr-FR`.
 */
export function cleanLang(raw: string | null | undefined): string | undefined {
  const s = clean(raw?.slice(0, 1_000))?.split(',')[0]?.trim().replace(/_/g, '-');
  if (!s || !LANG_TAG.test(s)) return undefined;
  const subtags = s.split('-');
  while (subtags.length > 0) {
    const tag = canonicalLang(subtags.join('-'));
    if (tag && tag.length <= MAX_LANG) return tag === 'und' ? undefined : tag;
    subtags.pop();
  }
  return undefined;
}

/** An ISO 8601 date, or date and time, as pages and HTML's `<time datetime>` write them. */
const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
/** An RFC 2822 date, as RSS and some CMSs write it: `Tue, 12 Mar 2024 10:00:00 +0100`. */
const RFC_2822_DATE = /^(?:[a-z]{3},?\s+)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|gmt|utc?|z|[ecmp][sd]t))?$/i;

/**
 * A publication date: an ISO 8601 date kept as the page wrote it (`2024-03`, `2024-03-05T08:00`,
 * `…+02:00`), an RFC 2822 date turned into ISO 8601, anything else (prose, a long string, an
 * impossible month or hour) undefined: what the user sees as a date must be a date.
 */
export function cleanDate(raw: string | null | undefined): string | undefined {
  const s = clean(raw?.slice(0, 1_000));
  if (!s || s.length > 64) return undefined;
  const iso = ISO_DATE.exec(s);
  if (iso) {
    const [, , month, day, hour, minute, second] = iso.map(Number);
    const within = (n: number | undefined, lo: number, hi: number) => n === undefined || Number.isNaN(n) || (n >= lo && n <= hi);
    const ok = within(month, 1, 12) && within(day, 1, 31) && within(hour, 0, 23) && within(minute, 0, 59) && within(second, 0, 60);
    return ok ? s : undefined;
  }
  if (RFC_2822_DATE.test(s)) {
    const time = Date.parse(s);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }
  return undefined;
}

const TITLE_SEPARATOR = /\s+[|–—:·•»-]\s+/g;

/** Drops " – Site" / " | Site" (or "Site | ") from a title when that part is exactly the site name. */
function stripSiteName(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const site = siteName.toLowerCase();
  for (const m of title.matchAll(TITLE_SEPARATOR)) {
    const before = title.slice(0, m.index).trim();
    const after = title.slice(m.index + m[0].length).trim();
    if (before && after.toLowerCase() === site) return before;
    if (after && before.toLowerCase() === site) return after;
  }
  return title;
}

/**
 * The title as shown: without the site's name, and cut to {@link MAX_META_TEXT}. A title already
 * too long is cut without looking for the site name (which would cost a scan per separator).
 */
export function pageTitle(title: string, siteName: string | undefined): string {
  return title.length > MAX_META_TEXT ? truncateText(title, MAX_META_TEXT) : stripSiteName(title, siteName);
}
