import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PREVIEW_NOTES, readEarlyPreview } from '../utils/db/early-preview';
import { DB_NAME } from '../utils/db/name';

/** Loaded by sidepanel.html before its modules: starts reading the first screen's notes. */
export default defineUnlistedScript(() => {
  const preview = readEarlyPreview(indexedDB, DB_NAME, PREVIEW_NOTES);
  (globalThis as { __verbatimPreview?: unknown }).__verbatimPreview = preview;
  // For the benchmark: when the first screen's notes were read.
  void preview.then(() => performance.mark('verbatim:early-preview'));
});
