import { describe, expect, it } from 'vitest';
import { tagRuleV2 } from '../../utils/db/migrations/v2';
import { tagRuleV6 } from '../../utils/db/migrations/v6';
import { tagRuleV7 } from '../../utils/db/migrations/v7';
import { normalizeTag } from '../../utils/domain/tags';
import { CHAR_CLASSES } from '../../utils/text/table';

/**
 * Stored tags are normal forms of `normalizeTag`. The latest migration's frozen rule must be
 * today's rule: when this fails, normalizeTag (or the character table) changed, and stored tags
 * need a new schema version whose migration carries a frozen copy of the new rule.
 */
describe('the tag rule of the latest migration', () => {
  const LATEST = tagRuleV7;
  const hint = 'normalizeTag changed: freeze the new rule in a new migration (utils/db/migrations/v8.ts)';

  it('is normalizeTag on every code point, alone and inside a word', () => {
    const differ: string[] = [];
    // The BMP and the SMP, where every character of the table and every cased letter is.
    for (let c = 0; c <= 0x1ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      for (const raw of [ch, `A${ch}\u0301b`]) if (LATEST(raw) !== normalizeTag(raw)) differ.push(raw);
    }
    expect(differ.slice(0, 20), hint).toEqual([]);
  }, 30_000);

  it('is normalizeTag on every pair of the character table’s characters', () => {
    const chars = ` \n'"-${CHAR_CLASSES.map((c) => c.members).join('')}e\u0301é`;
    const differ: string[] = [];
    for (const a of chars) for (const b of chars) if (LATEST(`x${a}${b}y`) !== normalizeTag(`x${a}${b}y`)) differ.push(`x${a}${b}y`);
    expect(differ, hint).toEqual([]);
  });
});

describe('older tag rules, as they shipped', () => {
  it.each([
    ['v2', tagRuleV2, ["L'Idée", '  Vérité\u00A0 ', '2010–2020', 'l´idée'], ["l'idée", 'vérité', '2010–2020', 'l´idée']],
    ['v6', tagRuleV6, ["L'Idée", '  Vérité\u00A0 ', '2010–2020', 'l´idée'], ['l’idée', 'vérité', '2010–2020', 'l´idée']],
    ['v7', tagRuleV7, ["L'Idée", '  Vérité\u00A0 ', '2010–2020', 'l´idée'], ['l’idée', 'vérité', '2010-2020', 'l’idée']],
  ])('%s', (_v, rule, raw, stored) => {
    expect(raw.map(rule)).toEqual(stored);
  });
});
