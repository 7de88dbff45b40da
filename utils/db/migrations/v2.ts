import type { Transaction } from 'dexie';
import type { Note } from '../../domain/model';
import { tagsBy } from './retag';

/**
 * The tag rule of v2, frozen as it shipped (utils/tags.ts at 4ba5fc7): NFC, whitespace collapsed
 * and trimmed, lowercase in the browser's locale. Apostrophes, dashes and other look-alikes stay
 * as typed; v6 and v7 fold them, each with its own rule, when they run after this one.
 */
export function tagRuleV2(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase();
}

const normalizeTagsV2 = tagsBy(tagRuleV2);

/**
 * v2 adds the settings store, and guarantees normalised, unique tags on every note: v1 notes
 * could be saved with tags that only differed in case or spacing when written by hand-edited data.
 */
export async function upgradeV2(tx: Transaction): Promise<void> {
  await tx
    .table<Note, string>('notes')
    .toCollection()
    .modify((note) => {
      const tags = normalizeTagsV2(note.tags ?? []);
      if (tags.length !== note.tags?.length || tags.some((t, i) => t !== note.tags[i])) note.tags = tags;
    });
}
