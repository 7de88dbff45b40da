import { t } from './i18n';
import { errorText, isStorageFull } from '../domain/storage-full';

export { errorText, isStorageFull };

/**
 * What to tell the user when a write failed: storage full gets its own message (nothing was
 * saved, and what to do: `fullKey`, "this note was not saved" unless the write was a change to
 * something else); anything else `t(otherwiseKey, <the error's text>)`, a message with one
 * placeholder (`saveFailed`, `errorGeneric`…). Takes the error itself or, from another context,
 * its text (`errorMessage` keeps a quota error's name in it).
 */
export function describeWriteError(error: unknown, otherwiseKey = 'errorGeneric', fullKey = 'storageFullNotSaved'): string {
  if (isStorageFull(error)) return t(fullKey);
  return t(otherwiseKey, errorText(error));
}
