import type { Hlc } from '../sync/types';

/**
 * Hybrid logical clock stamps (issue #15): `<ms, 15 digits>:<counter, 5 digits>:<device id>`.
 * Fixed-width numbers, so comparing two stamps as strings compares them in time: what the sync
 * merge does to decide which edit is later, and what CouchDB's views would do too. A stamp is
 * the wall clock when the clock moved on since the last stamp, else the last stamp's time with
 * its counter one up: stamps made on one device only ever go up, whatever its clock does, and
 * a stamp made after seeing another device's (even one from a clock a year ahead) is above it.
 * The device id last makes two devices' stamps of the same instant differ, in a fixed order.
 */

const MS_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_MS = 10 ** MS_DIGITS - 1;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A wall-clock time as a stamp's ms: whole, not negative, within 15 digits (a broken clock stays a number). */
const clampMs = (ms: number) => (Number.isFinite(ms) ? Math.min(MAX_MS, Math.max(0, Math.floor(ms))) : 0);

const format = (ms: number, counter: number, device: string): Hlc => `${pad(ms, MS_DIGITS)}:${pad(counter, COUNTER_DIGITS)}:${device}`;

/** The ms and counter of a stamp; a string that is not one reads as time 0 (below every stamp made). */
function parts(h: Hlc): { ms: number; counter: number } {
  const ms = Number(h.slice(0, MS_DIGITS));
  const counter = Number(h.slice(MS_DIGITS + 1, MS_DIGITS + 1 + COUNTER_DIGITS));
  return Number.isFinite(ms) && Number.isFinite(counter) ? { ms, counter } : { ms: 0, counter: 0 };
}

/** The stamp of a time with no stamp of its own (a record written before sync existed: its `updatedAt`). */
export const hlcFromTime = (ms: number, device: string): Hlc => format(clampMs(ms), 0, device);

/** The wall-clock time of a stamp (ms since the epoch, on the clock that made it). */
export const wallOf = (h: Hlc): number => parts(h).ms;

/**
 * Orders two stamps: negative when `a` is earlier, positive when later, 0 when equal. An absent
 * stamp is earlier than every stamp.
 */
export function compareHlc(a: Hlc | undefined, b: Hlc | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/**
 * The next stamp after `prev` (the highest stamp this device made or saw), at wall-clock `now`
 * (already corrected by the server's offset), always above `prev`: `now` when the clock is past
 * `prev`'s time, else `prev`'s time with the counter one up (the clock went back, or two stamps
 * in one ms). A counter full (100,000 stamps in one ms) moves on to the next ms.
 */
export function nextHlc(prev: Hlc | undefined, now: number, device: string): Hlc {
  const wall = clampMs(now);
  if (prev === undefined) return format(wall, 0, device);
  const last = parts(prev);
  if (wall > last.ms) return format(wall, 0, device);
  if (last.counter < MAX_COUNTER) return format(last.ms, last.counter + 1, device);
  return format(Math.min(MAX_MS, last.ms + 1), 0, device);
}
