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
  const rule = new Intl.PluralRules(uiLanguage()).select(n);
  return t(rule === 'one' ? oneKey : otherKey, new Intl.NumberFormat(uiLanguage()).format(n), ...subs);
}

/** A date as the reader's language writes it. Returns '' for missing or invalid input. */
export function formatDate(value: string | number | undefined, style: 'medium' | 'long' = 'medium'): string {
  if (value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: style }).format(d);
}
