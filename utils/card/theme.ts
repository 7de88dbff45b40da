/**
 * A quote card's colours (issue #17): light, dark, or the user's own colour, whose text colour is
 * chosen by WCAG 2 contrast so that the card stays readable whatever colour is picked. Pure.
 */

export const CARD_THEMES = ['light', 'dark', 'color'] as const;
export type CardTheme = (typeof CARD_THEMES)[number];

/** What a card is painted with. */
export interface CardPalette {
  background: string;
  /** The quote and the speaker. */
  text: string;
  /** The source line. */
  muted: string;
  /** The short rule. */
  accent: string;
}

/** The user's colour when none was picked yet: a deep teal. */
export const DEFAULT_CARD_COLOR = '#1f5f6b';

const LIGHT: CardPalette = { background: '#fbf8f1', text: '#1d1b17', muted: '#5c574e', accent: '#b5532c' };
const DARK: CardPalette = { background: '#16181d', text: '#f3efe6', muted: '#aaa599', accent: '#e3a857' };

/** WCAG's minimum for body text (1.4.3, AA): the speaker and source lines are small text. */
export const MIN_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb` as 0–255 channels; undefined for anything else. */
export function parseHex(color: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance of a colour. */
export function luminance(color: string): number {
  const rgb = parseHex(color) ?? [0, 0, 0];
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` moved toward `b` by `t` (0 to 1), channel by channel. */
function mix(a: string, b: string, t: number): string {
  const x = parseHex(a)!;
  const y = parseHex(b)!;
  return toHex(x.map((c, i) => c + (y[i]! - c) * t));
}

/**
 * The card's palette. For the user's colour: near-white or near-black text, whichever contrasts
 * more (pure white or black, whichever contrasts more, if neither reaches 4.5:1: one always does); the source line softened
 * toward the background only as far as it keeps 4.5:1.
 */
export function paletteOf(theme: CardTheme, color: string = DEFAULT_CARD_COLOR): CardPalette {
  if (theme === 'light') return LIGHT;
  if (theme === 'dark') return DARK;
  const background = parseHex(color) ? toHex(parseHex(color)!) : DEFAULT_CARD_COLOR;
  const [light, dark] = ['#fdfcf9', '#15140f'];
  const best = (colors: string[]) => colors.reduce((a, b) => (contrast(b, background) > contrast(a, background) ? b : a));
  let text = best([light, dark]);
  if (contrast(text, background) < MIN_CONTRAST) text = best(['#ffffff', '#000000']);
  let muted = text;
  for (const t of [0.3, 0.2, 0.1]) {
    const candidate = mix(text, background, t);
    if (contrast(candidate, background) >= MIN_CONTRAST) {
      muted = candidate;
      break;
    }
  }
  return { background, text, muted, accent: text };
}
