/**
 * Calendar days as the user lives them: a date `YYYY-MM-DD` (what `<input type="date">` gives)
 * is that day in the user's time zone, from local midnight to the next local midnight. Parsing
 * it with `Date.parse` would take UTC midnight, and a note made at 00:30 in Paris would land on
 * the day before. A day is not always 24 hours: on a daylight-saving change it has 23 or 25,
 * so the end of a day is the next day's midnight, never `start + 86,400,000`.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of a `YYYY-MM-DD` string, or undefined when it is not a real date. */
function parts(ymd: string): [number, number, number] | undefined {
  const m = DAY.exec(ymd.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  // 2026-02-30 rolls over to March: not a date the user meant.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined;
  return [y, mo, d];
}

/** Local midnight starting this day (ms since the epoch), or undefined for a malformed date. */
export function startOfLocalDay(ymd: string): number | undefined {
  const p = parts(ymd);
  if (!p) return undefined;
  const date = new Date(p[0], p[1] - 1, p[2]);
  date.setFullYear(p[0]); // years 0–99 are not 1900–1999
  return date.getTime();
}

/** Local midnight ending this day, i.e. the next day's start (exclusive end), or undefined. */
export function endOfLocalDay(ymd: string): number | undefined {
  const p = parts(ymd);
  if (!p) return undefined;
  const date = new Date(p[0], p[1] - 1, p[2] + 1);
  return date.getTime();
}

/** The local day (`YYYY-MM-DD`) a time falls on. */
export function localDayOf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local day of an exclusive end (`to`): the day its last millisecond belongs to. */
export function localDayBefore(endMs: number): string {
  return localDayOf(endMs - 1);
}
