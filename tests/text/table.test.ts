import { describe, expect, it } from 'vitest';
import { canonicalize, CHAR_CLASSES, classOf, kindOf, SHAPING } from '../../utils/text/table';

describe('the character table', () => {
  it('has one code unit per member, each in one class, never its own canonical form', () => {
    const seen = new Set<string>();
    for (const c of CHAR_CLASSES) {
      for (const m of c.members) {
        expect(m.length).toBe(1);
        expect(seen.has(m), `U+${m.charCodeAt(0).toString(16)} twice`).toBe(false);
        expect(c.canonical).not.toContain(m);
        seen.add(m);
      }
      // A canonical form is never rewritten: canonicalising is idempotent.
      expect(canonicalize(c.canonical)).toBe(c.canonical);
    }
    for (const c of SHAPING) expect(classOf(c)).toBeUndefined();
  });

  it('is closed under NFC: a character NFC makes a member is a member', () => {
    const all = new Set(CHAR_CLASSES.flatMap((c) => [...c.members, ...(c.canonical.length === 1 ? [c.canonical] : [])]));
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      const nfc = ch.normalize('NFC');
      if (nfc !== ch && all.has(nfc)) expect(all.has(ch), `U+${c.toString(16)}`).toBe(true);
    }
  });

  it('covers every space and line break JavaScript knows, the BOM aside (it is invisible)', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (!/\s/u.test(ch) || ch === ' ' || ch === '\n') continue;
      expect(classOf(ch)?.kind, `U+${c.toString(16)}`).toBe(c === 0xfeff ? 'invisible' : c === 0x0d || (c >= 0x0b && c <= 0x0c) || c === 0x2028 || c === 0x2029 ? 'line-break' : 'space');
    }
    expect(classOf('\u0085')?.kind).toBe('line-break');
  });

  it.each([
    ['L’idée d‘une', "L'idée d'une"],
    ['« Oui » “yes”', '" Oui " "yes"'],
    ['1939–1945 — fin', '1939-1945 - fin'],
    ['a\u00A0b\u202Fc\td', 'a b c d'],
    ['a\r\nb\rc\u2028d', 'a\nb\nc\nd'],
    ['in\u00ADfor\u200Bma\u2060tion\uFEFF', 'information'],
    ['enfin…', 'enfin...'],
    ['ﬁne ﬂeur ﬀ ﬃ ﬄ ﬅ ﬆ', 'fine fleur ff ffi ffl st st'],
    ['👩\u200D💻', '👩\u200D💻'],
    ['Été', 'Été'],
  ])('canonicalize(%j) → %j', (raw, canonical) => {
    expect(canonicalize(raw)).toBe(canonical);
  });

  it('names the kind of a member and of a canonical form alike', () => {
    expect(kindOf('’')).toBe('apostrophe');
    expect(kindOf("'")).toBe('apostrophe');
    expect(kindOf('–')).toBe('dash');
    expect(kindOf('-')).toBe('dash');
    expect(kindOf('a')).toBeUndefined();
  });
});
