/**
 * Where everything on a quote card goes (issue #17): the largest type the quote fits in, its
 * lines, the speaker and source under a short rule, the QR code beside them. Pure: the caller
 * gives `measure` (the canvas's `measureText` in the extension); `draw.ts` paints what this
 * returns, and nothing else, so what is tested here is what is drawn.
 *
 * The quote never overflows and never gets tiny: the type shrinks from a display size down to a
 * readable minimum (28 px on the square card); a passage that does not fit even then is cut at a
 * word and marked `[…]`, the scholarly sign of an omission.
 */
import { breakLines, clampLines, countLines, ellipsize, units, type Measure } from './lines';

export type { Measure } from './lines';

/** The two formats: a square post (Instagram, LinkedIn) and a wide slide or link image (16:9). */
export const CARD_SIZES = {
  square: { width: 1080, height: 1080 },
  wide: { width: 1200, height: 675 },
} as const;
export type CardSize = keyof typeof CARD_SIZES;

/** The card's metrics in pixels, per format. */
const METRICS = {
  square: { margin: 84, quoteMax: 100, quoteMin: 28, speaker: 30, source: 23, rule: 56, ruleGap: 20, footerGap: 44, qrMax: 200, qrGap: 36 },
  wide: { margin: 68, quoteMax: 88, quoteMin: 26, speaker: 26, source: 20, rule: 48, ruleGap: 14, footerGap: 32, qrMax: 168, qrGap: 30 },
} as const;

/** Font families: system fonts only (the card asks the network for nothing). */
export const CARD_FONTS = {
  serif: "Georgia, 'Iowan Old Style', 'Palatino Linotype', 'Book Antiqua', 'DejaVu Serif', serif",
  sans: "system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
};

/** What the card says. */
export interface CardText {
  /** The passage, paragraphs separated by line breaks, without quotation marks. */
  quote: string;
  /** The language's quotation marks with their spaces: `«\u202F` and `\u202F»`, or `“` and `”`. */
  marks: readonly [string, string];
  /** Who said it. */
  speaker?: string;
  /** Where it comes from: the article's title, site, date. */
  source?: string;
}

export interface LayoutOptions {
  size: CardSize;
  /** The QR code's size in modules (its matrix, without quiet zone), when the card carries one. */
  qrModules?: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line of text: drawn at `x` on the alphabetic baseline `y`; `width` is its measured advance. */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** A block of text set in one font. */
export interface TextBlock {
  /** The canvas font (CSS shorthand). */
  font: string;
  /** Font size and line height in pixels. */
  size: number;
  lineHeight: number;
  lines: TextLine[];
  /** Every line's box: from the first line's top to the last's bottom, the widest line's extent. */
  rect: Rect;
}

export interface CardLayout {
  width: number;
  height: number;
  /** The empty border on every side. */
  margin: number;
  quote: TextBlock & {
    /** The smallest size the quote may take on this format. */
    minSize: number;
    /** The passage was too long even at the smallest size: it ends with `[…]`. */
    truncated: boolean;
  };
  speaker?: TextBlock;
  source?: TextBlock;
  /** The short rule above the speaker. */
  rule?: Rect;
  /** The QR code's tile (quiet zone included) and the size of one module. */
  qr?: Rect & { module: number; quiet: number };
}

const font = (weight: number, size: number, family: string) => `${weight} ${size}px ${family}`;

/** A quote's line height: tighter for display sizes, more open for reading sizes. */
const quoteLeading = (size: number) => Math.round(size * (1.4 - 0.14 * Math.min(1, Math.max(0, (size - 28) / 44))));

/** The quote's paragraphs as units, the opening mark on the first and the closing one on the last. */
function paragraphsOf(quote: string, marks: readonly [string, string]): string[][] {
  const paras = quote.split(/\r\n|[\n\r\u2028\u2029]/u).map((p) => p.trim()).filter(Boolean);
  if (!paras.length) paras.push('');
  paras[0] = marks[0] + paras[0];
  paras[paras.length - 1] += marks[1];
  return paras.map(units);
}

/** The places a long passage may be cut: after each word. */
function cutPoints(quote: string): number[] {
  const points: number[] = [];
  for (const m of quote.matchAll(/\S(?=\s)/gu)) points.push(m.index + 1);
  return points;
}

/** The passage cut after `end` characters, marked as shortened. */
const shortened = (quote: string, end: number) => `${quote.slice(0, end).replace(/[\s,;:–—-]+$/u, '')} […]`;

/** Lines set at `y`, each on its baseline, as a block. */
function block(lines: string[], fontCss: string, size: number, lineHeight: number, x: number, top: number, measure: Measure, hang = 0): TextBlock {
  const set = lines.map((text, i) => {
    const lx = i === 0 ? x - hang : x;
    return { text, x: lx, y: Math.round(top + i * lineHeight + (lineHeight - size) / 2 + size * 0.8), width: measure(text, fontCss) };
  });
  const left = Math.min(...set.map((l) => l.x));
  const right = Math.max(...set.map((l) => l.x + l.width));
  return { font: fontCss, size, lineHeight, lines: set, rect: { x: left, y: top, width: right - left, height: lines.length * lineHeight } };
}

/** Lays out a card: every element's place, from the text and a way to measure it. */
export function layoutCard(text: CardText, options: LayoutOptions, measure: Measure): CardLayout {
  const { width, height } = CARD_SIZES[options.size];
  const m = METRICS[options.size];
  const inner = width - 2 * m.margin;

  // The QR code: whole pixels per module, at most qrMax wide unless that would make modules
  // under 3 px (too fine to scan off a screen), four modules of quiet zone in all.
  let qr: CardLayout['qr'];
  if (options.qrModules) {
    const n = options.qrModules + 4;
    const module = Math.max(3, Math.floor(m.qrMax / n));
    const side = module * n;
    qr = { x: width - m.margin - side, y: height - m.margin - side, width: side, height: side, module, quiet: module * 2 };
  }

  // The footer, from the bottom up: the source (two lines at most), the speaker, the rule.
  const footerWidth = inner - (qr ? qr.width + m.qrGap : 0);
  const sourceFont = font(400, m.source, CARD_FONTS.sans);
  const sourceLead = Math.round(m.source * 1.35);
  const sourceLines = text.source?.trim() ? clampLines(text.source.trim(), sourceFont, measure, footerWidth, 2) : [];
  const speakerFont = font(600, m.speaker, CARD_FONTS.sans);
  const speakerLead = Math.round(m.speaker * 1.3);
  const speakerLine = text.speaker?.trim() ? ellipsize(text.speaker.trim(), speakerFont, measure, footerWidth) : undefined;
  const hasText = speakerLine !== undefined || sourceLines.length > 0;
  const ruleHeight = Math.max(3, Math.round(m.speaker / 8));
  const stack = (hasText ? ruleHeight + m.ruleGap : 0) + (speakerLine ? speakerLead : 0) + sourceLines.length * sourceLead;
  const footer = Math.max(stack, qr?.height ?? 0);
  const bottom = height - m.margin;
  let y = bottom - stack;
  let rule: Rect | undefined;
  let speaker: TextBlock | undefined;
  let source: TextBlock | undefined;
  if (hasText) {
    rule = { x: m.margin, y, width: m.rule, height: ruleHeight };
    y += ruleHeight + m.ruleGap;
  }
  if (speakerLine) {
    speaker = block([speakerLine], speakerFont, m.speaker, speakerLead, m.margin, y, measure);
    y += speakerLead;
  }
  if (sourceLines.length) source = block(sourceLines, sourceFont, m.source, sourceLead, m.margin, y, measure);

  // The quote: the largest size whose lines fit the space above the footer.
  const top = m.margin;
  const room = (footer ? bottom - footer - m.footerGap : bottom) - top;
  // Display sizes for a quote on one line; over several lines, no fewer than 24 characters to a
  // line (two or three words a line read as a list, not a sentence).
  const em = (t: string) => measure(t, font(400, 100, CARD_FONTS.serif)) / Math.max(1, Array.from(t).length) / 100;
  const fits = (paras: string[][], size: number) => {
    const count = countLines(paras, font(400, size, CARD_FONTS.serif), measure, inner);
    if (count * quoteLeading(size) > room) return false;
    return count === 1 || size === m.quoteMin || inner / (em(paras.flat().join(' ')) * size) >= 24;
  };
  let quote = text.quote.trim();
  let paras = paragraphsOf(quote, text.marks);
  let truncated = false;
  if (!fits(paras, m.quoteMin)) {
    // Too long even at the smallest size: as many words as fit, then `[…]`.
    const points = cutPoints(quote);
    let lo = 0;
    let hi = points.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(paragraphsOf(shortened(quote, points[mid]!), text.marks), m.quoteMin)) lo = mid;
      else hi = mid - 1;
    }
    quote = shortened(quote, points[lo] ?? Math.min(quote.length, 40));
    paras = paragraphsOf(quote, text.marks);
    truncated = true;
  }
  let lo: number = m.quoteMin;
  let hi: number = m.quoteMax;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(paras, mid)) lo = mid;
    else hi = mid - 1;
  }
  // Set again narrower for kerning (`breakLines`), a paragraph may take one more line: a size smaller then.
  let size = lo;
  let quoteFont = font(400, size, CARD_FONTS.serif);
  let lines = breakLines(paras, quoteFont, measure, inner);
  while (size > m.quoteMin && lines.length * quoteLeading(size) > room) {
    size--;
    quoteFont = font(400, size, CARD_FONTS.serif);
    lines = breakLines(paras, quoteFont, measure, inner);
  }
  const lead = quoteLeading(size);
  // Set a little above the middle of its space, where the eye expects the centre.
  const blockTop = top + Math.max(0, Math.round((room - lines.length * lead) * 0.45));
  // The opening mark hangs in the margin, so that the words line up with the rest.
  const hang = text.marks[0] && lines[0]?.startsWith(text.marks[0]) ? measure(text.marks[0], quoteFont) : 0;
  const quoteBlock = block(lines, quoteFont, size, lead, m.margin, blockTop, measure, hang < m.margin / 2 ? hang : 0);

  return {
    width,
    height,
    margin: m.margin,
    quote: { ...quoteBlock, minSize: m.quoteMin, truncated },
    ...(speaker ? { speaker } : {}),
    ...(source ? { source } : {}),
    ...(rule ? { rule } : {}),
    ...(qr ? { qr } : {}),
  };
}

/** Every element the card draws, by kind, with its box: what must stay inside the image. */
export function cardBoxes(layout: CardLayout): Array<{ kind: 'quote' | 'speaker' | 'source' | 'rule' | 'qr'; rect: Rect }> {
  const out: Array<{ kind: 'quote' | 'speaker' | 'source' | 'rule' | 'qr'; rect: Rect }> = [{ kind: 'quote', rect: layout.quote.rect }];
  if (layout.speaker) out.push({ kind: 'speaker', rect: layout.speaker.rect });
  if (layout.source) out.push({ kind: 'source', rect: layout.source.rect });
  if (layout.rule) out.push({ kind: 'rule', rect: layout.rule });
  if (layout.qr) out.push({ kind: 'qr', rect: layout.qr });
  return out;
}
