import { describe, expect, it } from 'vitest';
import { CARD_THEMES, contrast, MIN_CONTRAST, paletteOf } from '../../utils/card/theme';

describe('paletteOf', () => {
  it('gives light and dark cards readable text and source lines', () => {
    for (const theme of ['light', 'dark'] as const) {
      const p = paletteOf(theme);
      expect(contrast(p.text, p.background)).toBeGreaterThanOrEqual(7);
      expect(contrast(p.muted, p.background)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });

  it('chooses the text colour of any user colour by WCAG contrast: at least 4.5:1 for text and source', () => {
    // Every colour of a 16-step RGB grid, the mid greys where neither white nor black is comfortable among them.
    const steps = Array.from({ length: 16 }, (_, i) => (i * 17).toString(16).padStart(2, '0'));
    for (const r of steps) for (const g of steps) for (const b of steps) {
      const color = `#${r}${g}${b}`;
      const p = paletteOf('color', color);
      expect(p.background).toBe(color);
      expect(contrast(p.text, color), color).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrast(p.muted, color), color).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
    expect(paletteOf('color', '#ffeb3b').text).toMatch(/^#(15140f|000000)$/u);
    expect(paletteOf('color', '#1a237e').text).toMatch(/^#(fdfcf9|ffffff)$/u);
    expect(contrast(paletteOf('color', '#767676').text, '#767676')).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('falls back to its own colour when given something that is not a colour', () => {
    expect(paletteOf('color', 'red; background: url(x)').background).toMatch(/^#[0-9a-f]{6}$/u);
    expect(CARD_THEMES).toEqual(['light', 'dark', 'color']);
  });
});
