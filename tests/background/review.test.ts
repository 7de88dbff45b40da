process.env.TZ = 'Europe/Paris';

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureAlarm, remind, startReviewReminder } from '../../entrypoints/background/review';
import { setSetting } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { REVIEW_ALARM, REVIEW_NOTIFICATION, REVIEW_REQUEST_KEY } from '../../utils/services/review';
import { saveAnswer } from '../../utils/db/reviews';
import { dbPerTest } from '../support/db';
import { msg, speakEnglish } from '../support/i18n';
import { passage } from '../support/library';

const NOW = new Date(2026, 0, 5, 9, 0).getTime(); // Monday 09:00 in Paris: the reminder rings
const TOMORROW_9 = new Date(2026, 0, 6, 9, 0).getTime();
let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  speakEnglish();
  // The fake browser has no permissions events; the reminder listens for the permission granted.
  vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => {});
});
const notified = () => fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string; iconUrl: string }>;

describe('the daily review reminder (background)', () => {
  it('sets no alarm while the reminder is off (the default)', async () => {
    await ensureAlarm(db, NOW);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('sets the alarm at the next reminder time when it is on and none waits', async () => {
    await setSetting(db, 'reviewReminderAt', '18:30');
    startReviewReminder(db, () => NOW);
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(REVIEW_ALARM))?.scheduledTime).toBe(new Date(2026, 0, 5, 18, 30).getTime()));
  });

  it('when the alarm rings with notes due: a notification saying how many, and tomorrow\u2019s alarm', async () => {
    await setSetting(db, 'reviewReminderAt', '09:00');
    await setSetting(db, 'reviewNewPerDay', 1);
    await db.notes.bulkPut([passage(1), passage(2), passage(3)]);
    await saveAnswer(db, 'n0001', 'again', NOW - 86_400_000); // due today
    await remind(db, NOW);
    // One due note and one new one (a day's limit of 1).
    expect(Object.keys(notified())).toEqual([REVIEW_NOTIFICATION]);
    expect(notified()[REVIEW_NOTIFICATION]).toMatchObject({ title: msg('reviewNotificationTitle'), message: msg('reviewNotificationOther', '2'), iconUrl: expect.stringMatching(/\/icon\/review-128\.png$/) });
    expect((await fakeBrowser.alarms.get(REVIEW_ALARM))?.scheduledTime).toBe(TOMORROW_9);
  });

  it('shows nothing when nothing is due, and still sets tomorrow\u2019s alarm', async () => {
    await setSetting(db, 'reviewReminderAt', '09:00');
    await remind(db, NOW);
    expect(notified()).toEqual({});
    expect((await fakeBrowser.alarms.get(REVIEW_ALARM))?.scheduledTime).toBe(TOMORROW_9);
  });

  it('an alarm left over after the reminder was turned off shows nothing and is cleared', async () => {
    await db.notes.put(passage(1));
    await fakeBrowser.alarms.create(REVIEW_ALARM, { when: NOW });
    await remind(db, NOW);
    expect(notified()).toEqual({});
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('a click on the notification asks for the Review view and opens the side panel page', async () => {
    startReviewReminder(db, () => NOW);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(REVIEW_NOTIFICATION);
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/sidepanel\.html$/), active: true }));
    expect((await fakeBrowser.storage.local.get(REVIEW_REQUEST_KEY))[REVIEW_REQUEST_KEY]).toEqual(expect.any(Number));
  });

  it('ignores a click on another notification', async () => {
    startReviewReminder(db, () => NOW);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger('something-else');
    expect(create).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(REVIEW_REQUEST_KEY)).toEqual({});
  });
});
