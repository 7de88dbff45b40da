/**
 * Paints a quote card (issue #17) on a canvas or an OffscreenCanvas: what `layoutCard` placed,
 * in the palette's colours, the QR code module by module. Loaded on demand (`import()`) by what
 * shows a card, with the QR encoder; no network, system fonts only.
 */
import { encode } from 'uqr';
import { layoutCard, CARD_SIZES, type CardLayout, type CardSize, type Measure, type TextBlock } from './layout';
import type { CardContent } from './content';
import { paletteOf, type CardPalette, type CardTheme } from './theme';

export interface CardOptions {
  size: CardSize;
  theme: CardTheme;
  /** The user's colour (`#rrggbb`), for the `color` theme. */
  color?: string;
  /** Adds the QR code that opens the page at the passage. */
  qr: boolean;
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** `measureText` on the context, cached per font and text (a layout measures the same words often). */
export function canvasMeasure(ctx: Context2D): Measure {
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      if (ctx.font !== font) ctx.font = font;
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

/** The QR matrix for a link: error correction L, the fewest modules, so that each is large enough to scan. */
export function qrMatrix(link: string): boolean[][] {
  return encode(link, { ecc: 'L', border: 0 }).data;
}

function drawText(ctx: Context2D, block: TextBlock, color: string): void {
  ctx.font = block.font;
  ctx.fillStyle = color;
  for (const line of block.lines) ctx.fillText(line.text, line.x, line.y);
}

function drawQr(ctx: Context2D, qr: NonNullable<CardLayout['qr']>, matrix: boolean[][], palette: CardPalette): void {
  // Dark modules on white, whatever the theme: what every scanner reads.
  const radius = qr.module * 1.5;
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.roundRect(qr.x, qr.y, qr.width, qr.height, radius);
  ctx.fill();
  ctx.fillStyle = palette.background === '#ffffff' ? '#000000' : '#111111';
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) ctx.fillRect(qr.x + qr.quiet + c * qr.module, qr.y + qr.quiet + r * qr.module, qr.module, qr.module);
    }),
  );
}

/**
 * Sizes the canvas to the format, lays the card out with the canvas's own measures, paints it,
 * and returns the layout it painted.
 */
export function drawCard(canvas: AnyCanvas, content: CardContent, options: CardOptions): CardLayout {
  const { width, height } = CARD_SIZES[options.size];
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d') as Context2D | null;
  if (!ctx) throw new Error('drawCard: no 2D context');
  const matrix = options.qr ? qrMatrix(content.link) : undefined;
  const layout = layoutCard(content, { size: options.size, qrModules: matrix?.length }, canvasMeasure(ctx));
  const palette = paletteOf(options.theme, options.color);

  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  drawText(ctx, layout.quote, palette.text);
  if (layout.rule) {
    ctx.fillStyle = palette.accent;
    ctx.fillRect(layout.rule.x, layout.rule.y, layout.rule.width, layout.rule.height);
  }
  if (layout.speaker) drawText(ctx, layout.speaker, palette.text);
  if (layout.source) drawText(ctx, layout.source, palette.muted);
  if (layout.qr && matrix) drawQr(ctx, layout.qr, matrix, palette);
  return layout;
}

/** The canvas as a PNG. */
export async function cardPng(canvas: AnyCanvas): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob gave nothing'))), 'image/png'));
}
