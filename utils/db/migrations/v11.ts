import type { Transaction } from 'dexie';

/**
 * v11 brings writing (issue #17): `projects`, the user's writing boards (utils/domain/project.ts,
 * `*noteIds` answers "which projects hold this note"), and `reviews`, each reviewed note's
 * spaced-repetition state by note id (utils/domain/review-state.ts, `due` lists today's review).
 *
 * Two new stores, both empty: no earlier record is rewritten, so nothing is logged for sync and
 * no library is sent again. A note's last check against its source (`Note.check`) is an unindexed
 * field: absent until the user first checks it.
 */
export async function upgradeV11(_tx: Transaction): Promise<void> {}
