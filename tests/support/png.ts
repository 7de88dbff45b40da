import { crc32, deflateSync } from 'node:zlib';

/**
 * PNG files written by hand (the tests need no image library): 8 bits per sample, true colour
 * (RGB) or a palette of up to 256 colours.
 */
export interface PngImage {
  width: number;
  height: number;
  /** Each row: a filter byte (0), then one RGB triple per pixel, or one palette index. */
  rows: Buffer;
  /** 0xRRGGBB colours: the rows hold indexes into it (colour type 3); without it, RGB (type 2). */
  palette?: number[];
  /** zlib's compression level (its default when absent). */
  level?: number;
}

/** The PNG file of an image. */
export function encodePng({ width, height, rows, palette, level }: PngImage): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const frame = Buffer.alloc(body.length + 8);
    frame.writeUInt32BE(data.length, 0);
    body.copy(frame, 4);
    frame.writeUInt32BE(crc32(body), body.length + 4);
    return frame;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, palette ? 3 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(palette ? [chunk('PLTE', Buffer.from(palette.flatMap((c) => [c >> 16, (c >> 8) & 255, c & 255])))] : []),
    chunk('IDAT', deflateSync(rows, level === undefined ? {} : { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG of one colour. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  return encodePng({ width, height, rows: Buffer.concat(Array.from({ length: height }, () => row)) });
}
