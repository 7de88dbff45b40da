import type { Transaction } from 'dexie';
import { retagAll } from './retag';

/** Apostrophes, the prime, the acute accent and the backquote among them (U+1FEF, U+1FFD: ` ´). */
const APOSTROPHES = /['\u2018\u201A\u201B\u02BC\uFF07\u2032\u00B4\u0060\u1FEF\u1FFD]/gu;
const QUOTES = /[\u00AB\u00BB\u201C\u201D\u201E\u201F\u2039\u203A\u2033\uFF02]/gu;
/** Hyphens and dashes. */
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/gu;
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/gu;
const LIGATURES = /[\uFB00-\uFB06]/gu;
const LETTERS = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'st', 'st'];
/** `\s` is every Unicode space and line break; NEL too. */
const SPACES = /[\s\u0085]+/gu;

/**
 * The tag rule of v7, frozen (utils/tags.ts when utils/text/table.ts became the one character
 * table): locale-independent lowercase; ’ ' ‘ ‚ ‛ ʼ ＇ ′ ´ ` → ’; « » “ ” „ ‟ ‹ › ″ ＂ → ";
 * every hyphen and dash → -; soft hyphen, zero-width space, word joiner, BOM dropped; … → ...;
 * ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ → letters; NFC; every space and line break one space; trimmed.
 */
export function tagRuleV7(raw: string): string {
  return raw
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, '\u2019')
    .replace(QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\u2026/gu, '...')
    .replace(LIGATURES, (c) => LETTERS[c.charCodeAt(0) - 0xfb00]!)
    .normalize('NFC')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * Tags follow the one character table from v7 on (utils/text/table.ts): `2010–2020` and
 * `2010-2020`, `l´idée` and `l’idée`, `« x »` and `"x"` are one tag each. Tags stored by v6 may
 * hold both forms, even on one record: every note's and article's tags are normalised again with
 * v7's rule and merged, first-seen order kept.
 */
export async function upgradeV7(tx: Transaction): Promise<void> {
  await retagAll(tx, tagRuleV7);
}
