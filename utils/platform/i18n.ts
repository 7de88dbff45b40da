import { browser } from 'wxt/browser';

/** Every user-facing string goes through here; keys live in public/_locales/<lang>/messages.json. */
export function t(key: string, ...subs: Array<string | number>): string {
  return browser.i18n.getMessage(key as never, subs.map(String)) || key;
}

/** The browser's UI language (what `browser.i18n` picked), for Intl formatting. */
export const uiLanguage = (): string => browser.i18n.getUILanguage?.() || navigator.language || 'en';

/**
 * "1 note" / "3 notes" with the language's plural rules (French: 0 and 1 are singular): `$1` is
 * the number, `$2`… the other `subs`.
 */
export function plural(n: number, oneKey: string, otherKey: string, ...subs: Array<string | number>): string {
  const lang = uiLanguage();
  const rule = formatter(`p ${lang}`, () => new Intl.PluralRules(lang)).select(n);
  return t(rule === 'one' ? oneKey : otherKey, formatter(`n ${lang}`, () => new Intl.NumberFormat(lang)).format(n), ...subs);
}

/** A date as the reader's language writes it, with no-break spaces. Returns '' for missing or invalid input. */
export function formatDate(value: string | number | undefined, style: 'medium' | 'long' = 'medium'): string {
  if (value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  const lang = uiLanguage();
  // A date on screen is never split across lines ("3" at the end of one, "oct. 2023" on the next).
  return formatter(`d ${lang} ${style}`, () => new Intl.DateTimeFormat(lang, { dateStyle: style })).format(d).replace(/ /g, '\u00A0');
}

const formatters = new Map<string, unknown>();
/**
 * One Intl formatter per language and options, made on first use: building one costs far more
 * than formatting with it, and a list of notes formats a date and a count per row on every render.
 */
function formatter<F>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (f === undefined) formatters.set(key, (f = make()));
  return f;
}
