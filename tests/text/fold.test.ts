import { describe, expect, it } from 'vitest';
import { fold } from '../../utils/text/fold';

describe('fold', () => {
  it.each([
    ['Expérience', 'experience'],
    ['expe\u0301rience', 'experience'],
    ['Œuvre, cœur, Lætitia', 'oeuvre, coeur, laetitia'],
    ['Straße, GROẞ', 'strasse, gross'],
    ['Øresund, Łódź, Þór', 'oresund, lodz, thor'],
    ['ﬁn du ﬂux', 'fin du flux'],
    ['ＦＵＬＬ ｗｉｄｔｈ', 'full width'],
    ['l’idée, l′idée, l´idée, l`idée', "l'idee, l'idee, l'idee, l'idee"],
    ['\u1FEF\u1FFD', "''"], // Greek varia and oxia: NFKD gives ` and ´
    ['« oui » “yes”', '" oui " "yes"'],
    ['1914–1918 — fin', '1914-1918 - fin'],
    ['mot\u00A0: mot\u202F; mot\u2009!', 'mot : mot ; mot !'],
    ['a\tb\nc\r\nd', 'a b c  d'],
    ['ex\u00ADample, zero\u200Bwidth', 'example, zerowidth'],
    ['👩\u200D💻 می\u200Cخواهم', '👩💻 میخواهم'],
    ['Et puis…', 'et puis...'],
    ['ISTANBUL İzmir', 'istanbul izmir'],
    ['𝐁𝐨𝐥𝐝', 'bold'],
  ])('%j → %j', (raw, folded) => {
    expect(fold(raw)).toBe(folded);
  });

  it('folds a text as the concatenation of its characters folded', () => {
    const text = 'L’Œuvre « complète » — ﬁn…\u00A0! ÉTÉ 𝐁';
    expect(fold(text)).toBe([...text].map((c) => fold(c)).join(''));
  });

  it('is idempotent', () => {
    for (let c = 0; c <= 0x2ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const once = fold(String.fromCodePoint(c));
      if (fold(once) !== once) expect({ c: c.toString(16), again: fold(once) }).toEqual({ c: c.toString(16), again: once });
    }
  });
});
