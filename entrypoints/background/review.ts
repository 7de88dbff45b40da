import { browser } from 'wxt/browser';
import type { VerbatimDb } from '../../utils/db/schema';
import { getSettings } from '../../utils/db/repo';
import { plural, t } from '../../utils/platform/i18n';
import { isTimeOfDay } from '../../utils/review/reminder';
import { openSession, REVIEW_ALARM, REVIEW_NOTIFICATION, REVIEW_REQUEST_KEY, scheduleReminder } from '../../utils/services/review';

/** The notifications API, present only once the user granted the optional permission. */
type Notifications = {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  clear(id: string): Promise<boolean>;
  onClicked: { addListener(l: (id: string) => void): void; hasListener(l: (id: string) => void): boolean };
};
const notifications = (): Notifications | undefined => (browser as unknown as { notifications?: Notifications }).notifications;

/**
 * The daily review's reminder (issue #17), opt-in from the options page: at the time the user
 * chose, an alarm wakes the background, which shows a notification when notes are due (none
 * when nothing is) and sets the next day's alarm. Clicking it opens the side panel on the Review
 * view. `notifications` is an optional permission, asked for when the reminder is turned on, so
 * installing Verbatim warns about nothing more; without it, the alarm shows nothing.
 */
export function startReviewReminder(db: VerbatimDb, now: () => number = Date.now): void {
  const failed = (e: unknown) => console.error('Verbatim: review reminder', e);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REVIEW_ALARM) void remind(db, now()).catch(failed);
  });
  const listen = () => {
    const api = notifications();
    if (api && !api.onClicked.hasListener(onClicked)) api.onClicked.addListener(onClicked);
  };
  listen();
  // The API appears when the permission is granted while the worker runs.
  browser.permissions?.onAdded?.addListener(listen);
  // An alarm may not outlive a browser restart or an update: set again at each wake when missing.
  void ensureAlarm(db, now()).catch(failed);
}

/** The alarm rang: the notification if notes are due, and the next day's alarm. */
export async function remind(db: VerbatimDb, now: number): Promise<void> {
  const { reviewReminderAt } = await getSettings(db);
  if (!isTimeOfDay(reviewReminderAt)) return scheduleReminder(undefined);
  await scheduleReminder(reviewReminderAt, now);
  const api = notifications();
  if (!api) return;
  const { cards } = await openSession(db, now);
  if (cards.length === 0) return;
  await api.create(REVIEW_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/review-128.png'),
    title: t('reviewNotificationTitle'),
    message: plural(cards.length, 'reviewNotificationOne', 'reviewNotificationOther'),
  });
}

/** Sets the reminder's alarm when the setting has one and no alarm is waiting. */
export async function ensureAlarm(db: VerbatimDb, now: number): Promise<void> {
  const { reviewReminderAt } = await getSettings(db);
  if (!isTimeOfDay(reviewReminderAt)) return;
  if (!(await browser.alarms.get(REVIEW_ALARM))) await scheduleReminder(reviewReminderAt, now);
}

/**
 * The reminder clicked: the side panel on the Review view. The panel reads the request when it
 * opens (or at once, when it is open). Chrome opens a side panel only in a user gesture, which a
 * notification's click may not count as: a tab with the panel's page is the fallback.
 */
function onClicked(id: string): void {
  if (id !== REVIEW_NOTIFICATION) return;
  const failed = (e: unknown) => console.error('Verbatim: review reminder', e);
  void notifications()?.clear(id).catch(failed);
  const panelUrl = browser.runtime.getURL('/sidepanel.html');
  void (async () => {
    await browser.storage.local.set({ [REVIEW_REQUEST_KEY]: Date.now() });
    const win = await browser.windows.getLastFocused().catch(() => undefined);
    const sidePanel = (browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> } }).sidePanel;
    try {
      if (!sidePanel || win?.id === undefined) throw new Error('no side panel');
      await sidePanel.open({ windowId: win.id });
    } catch {
      await browser.tabs.create({ url: panelUrl, active: true });
    }
  })().catch(failed);
}
