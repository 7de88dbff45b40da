import type { Transaction } from 'dexie';
import { retagAll } from './retag';

/** Apostrophes typed, pasted or autocorrected in `l’idée`, `aujourd’hui`, `don’t`. */
const APOSTROPHES = /['\u2018\u201B\u02BC\uFF07]/gu;
/** Hyphens that look like the keyboard's `-`. */
const HYPHENS = /[\u2010\u2011\uFE63\uFF0D]/gu;
/** `\s` is every Unicode space (Zs: NBSP, U+202F, U+2000–U+200A, U+3000…) and line break; NEL too. */
const SPACES = /[\s\u0085]+/gu;
/** Invisible characters pasted text carries inside words. */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/gu;

/**
 * The tag rule of v6, frozen as it shipped (utils/tags.ts at 23408b3): locale-independent
 * lowercase, NFC, invisible characters dropped, ' ‘ ‛ ʼ ＇ → ’, ‐ ‑ ﹣ － → -, every space one
 * space, trimmed. Dashes (– —), the prime, ´ and ` stay as typed (v7 folds them).
 */
export function tagRuleV6(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, '\u2019')
    .replace(HYPHENS, '-')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * Tags fold look-alike characters from v6 on: `l'idée` and `l’idée` are one tag, ’ (U+2019);
 * non-breaking and other spaces are spaces; lowercasing no longer depends on the browser's
 * locale. Earlier data may hold both forms, even on one record: every note's and article's tags
 * are normalised again with v6's rule and merged, first-seen order kept.
 */
export async function upgradeV6(tx: Transaction): Promise<void> {
  await retagAll(tx, tagRuleV6);
}
