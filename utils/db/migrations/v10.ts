import type { Transaction } from 'dexie';

/**
 * v10 gives quotes a speaker (issue #16): `Note.speaker`, who said the words, and
 * `Note.speakerProposed` while it is Verbatim's proposal. Notes get a `speaker` index: a sparse
 * one (IndexedDB leaves out records without the field), read for the speakers already used, which
 * the editors offer as you type.
 *
 * No record is rewritten. No v9 record can hold a speaker: every way in (the page's drafts, an
 * import, a restore, a synced document from a newer device) went through valibot object schemas
 * that drop fields they do not know, so there is nothing to normalise, and a quote's speaker is
 * unknown until the user (or the detector, on the next quote) gives one: absent, as the model
 * says. Rewriting every note would also log each one for sync and send the whole library again.
 */
export async function upgradeV10(_tx: Transaction): Promise<void> {}

/** The notes store as v10 indexes it: v4's indexes and `speaker`. */
export const NOTES_V10 = 'id, url, *tags, createdAt, updatedAt, speaker';
