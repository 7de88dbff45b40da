import { getSettings, setSetting } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import type { UserFileError } from '../citation/user-style';

export type AddResult = { ok: true; name: string } | ({ ok: false } & UserFileError);

/**
 * Adds a CSL style file the user picked, once checked (a CSL style, independent, that citeproc-js
 * can cite with); a style of the same id replaces the one stored. The checks load the engine on demand.
 */
export async function addUserStyle(db: VerbatimDb, xml: string): Promise<AddResult> {
  const [{ checkUserStyle, isUserFileError }, { LOCALE_XML }] = await Promise.all([import('../citation/user-style'), import('../citation/styles')]);
  const settings = await getSettings(db);
  const checked = checkUserStyle(xml, { ...settings.userLocales, ...LOCALE_XML });
  if (isUserFileError(checked)) return { ok: false, ...checked };
  const others = (settings.userStyles ?? []).filter((s) => s.id !== checked.id);
  await setSetting(db, 'userStyles', [...others, checked]);
  return { ok: true, name: checked.title };
}

/** Adds a CSL locale file (`locales-xx-XX.xml`), once checked; replaces one of the same language. */
export async function addUserLocale(db: VerbatimDb, xml: string): Promise<AddResult> {
  const [{ checkUserLocale, isUserFileError }, { LOCALE_XML }] = await Promise.all([import('../citation/user-style'), import('../citation/styles')]);
  const settings = await getSettings(db);
  const checked = checkUserLocale(xml, { ...settings.userLocales, ...LOCALE_XML });
  if (isUserFileError(checked)) return { ok: false, ...checked };
  await setSetting(db, 'userLocales', { ...settings.userLocales, [checked.lang]: xml });
  return { ok: true, name: checked.lang };
}

/** Removes a style the user added; the default goes back to ours if it was that one. */
export async function removeUserStyle(db: VerbatimDb, id: string): Promise<void> {
  const settings = await getSettings(db);
  const rest = (settings.userStyles ?? []).filter((s) => s.id !== id);
  await setSetting(db, 'userStyles', rest.length ? rest : undefined);
  if (settings.citationStyle === id) await setSetting(db, 'citationStyle', undefined);
}

/** Removes a locale the user added. */
export async function removeUserLocale(db: VerbatimDb, lang: string): Promise<void> {
  const { [lang]: _gone, ...rest } = (await getSettings(db)).userLocales ?? {};
  await setSetting(db, 'userLocales', Object.keys(rest).length ? rest : undefined);
}
