/**
 * The extension's messages in unit tests. WXT's fake browser has no locale files: a test of UI
 * makes it answer `browser.i18n` from the English messages, as Chrome does for an English reader,
 * and compares what is shown with `msg()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** public/_locales/en/messages.json */
export const EN_MESSAGES = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

const fill = (message: string, subs: readonly string[]) => message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '');

/** An English message with its `$1`… filled in, as the reader sees it. Throws on a key that does not exist (a typo in a test). */
export function msg(key: string, ...subs: string[]): string {
  const entry = EN_MESSAGES[key];
  if (!entry) throw new Error(`no message "${key}" in public/_locales/en/messages.json`);
  return fill(entry.message, subs);
}

/**
 * Makes the fake browser speak English: `i18n.getMessage` answers from the English messages (''
 * for an unknown key, as browsers do) and `i18n.getUILanguage` says 'en'. Call it after
 * `fakeBrowser.reset()`; `vi.restoreAllMocks()` undoes it.
 */
export function speakEnglish(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
    fill(EN_MESSAGES[key]?.message ?? '', typeof subs === 'string' ? [subs] : (subs ?? []))) as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
}

/** public/_locales/fr/messages.json */
export const FR_MESSAGES = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', 'fr', 'messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

/** A French message with its `$1`… filled in. Throws on a key that does not exist. */
export function msgFr(key: string, ...subs: string[]): string {
  const entry = FR_MESSAGES[key];
  if (!entry) throw new Error(`no message "${key}" in public/_locales/fr/messages.json`);
  return fill(entry.message, subs);
}

/** Makes the fake browser speak French, as `speakEnglish` does English. */
export function speakFrench(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
    fill(FR_MESSAGES[key]?.message ?? '', typeof subs === 'string' ? [subs] : (subs ?? []))) as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('fr');
}
