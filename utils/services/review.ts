/**
 * The daily review (issue #17) for the extension pages and the background: today's session, an
 * answer stored, and the daily reminder's alarm. The schedule itself is pure
 * (utils/review/); its rows are the repository's (utils/db/reviews.ts).
 */
import { browser } from 'wxt/browser';
import { getSettings, setSetting } from '../db/repo';
import { readSession, saveAnswer, type SessionRead } from '../db/reviews';
import type { VerbatimDb } from '../db/schema';
import { nextReminderAt } from '../review/reminder';
import { DEFAULT_NEW_PER_DAY } from '../review/session';

export { saveAnswer };

/** The alarm that shows the daily reminder. */
export const REVIEW_ALARM = 'verbatim-review';
/** The reminder's notification (one at a time: a new day's replaces the last). */
export const REVIEW_NOTIFICATION = 'verbatim-review';
/** Set (ms) when the reminder asks the side panel to open on the Review view; the panel clears it. */
export const REVIEW_REQUEST_KEY = 'reviewRequestedAt';

/** Today's session at `now`, with the user's number of new notes a day. */
export async function openSession(db: VerbatimDb, now = Date.now()): Promise<SessionRead> {
  const { reviewNewPerDay } = await getSettings(db);
  return readSession(db, now, reviewNewPerDay ?? DEFAULT_NEW_PER_DAY);
}

/** Sets the alarm for the reminder's next time, or clears it when the reminder is off (`undefined`). */
export async function scheduleReminder(time: string | undefined, now = Date.now()): Promise<void> {
  if (!time) await browser.alarms.clear(REVIEW_ALARM);
  // One alarm at a time, set again after each reminder: a daily period would drift by an hour
  // at each daylight-saving change.
  else await browser.alarms.create(REVIEW_ALARM, { when: nextReminderAt(time, now) });
}

/** Stores the number of new notes a day. */
export const setNewPerDay = (db: VerbatimDb, n: number) => setSetting(db, 'reviewNewPerDay', n === DEFAULT_NEW_PER_DAY ? undefined : n);

/** Turns the reminder on at `time`, or off (`undefined`): the setting, then its alarm. */
export async function setReminder(db: VerbatimDb, time: string | undefined): Promise<void> {
  await setSetting(db, 'reviewReminderAt', time);
  await scheduleReminder(time);
}

/**
 * Asks for the notifications permission (optional, issue #17). Call it first thing in the click
 * that turns the reminder on: browsers grant a request only in a user gesture. Resolves whether
 * it was granted.
 */
export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['notifications'] }).catch(() => false);
}

/** Gives the permission back when the reminder is turned off: nothing else notifies. */
export function releaseNotifications(): Promise<boolean> {
  return browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
}
