/**
 * The daily review's reminder time (issue #17): a local time of day, `HH:MM`, as
 * `<input type="time">` gives it. Pure.
 */

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The reminder time unless the user chose another. */
export const DEFAULT_REMINDER_TIME = '09:00';

/** Whether a string is a time of day `HH:MM` (24 h). */
export const isTimeOfDay = (s: unknown): s is string => typeof s === 'string' && TIME.test(s);

/**
 * The next moment (ms) the local clock shows `time`, strictly after `now`. Computed from the
 * calendar, not by adding 24 hours, so a daylight-saving change moves nothing; on the spring
 * change, a time that does not exist that day (02:30) is taken as the clock gives it (03:30).
 */
export function nextReminderAt(time: string, now: number): number {
  const m = TIME.exec(time);
  if (!m) throw new Error(`not a time of day: ${time}`);
  const at = new Date(now);
  at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (at.getTime() <= now) {
    at.setDate(at.getDate() + 1);
    at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  }
  return at.getTime();
}
