import { useState } from 'preact/hooks';
import { useSettings } from '../hooks/queries';
import type { VerbatimDb } from '../utils/db/schema';
import { t } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { DEFAULT_REMINDER_TIME, isTimeOfDay } from '../utils/review/reminder';
import { DEFAULT_NEW_PER_DAY, MAX_NEW_PER_DAY } from '../utils/review/session';
import { releaseNotifications, requestNotifications, setNewPerDay, setReminder } from '../utils/services/review';
import { ErrorNotice } from './ErrorNotice';

export type ReviewSettingsProps = { db: VerbatimDb };

/**
 * The daily review's settings (issue #17): how many new notes a day, and the reminder, off by
 * default. Turning it on asks for the notifications permission in the same click; refused, the
 * reminder stays off and says why.
 */
export function ReviewSettings({ db }: ReviewSettingsProps) {
  const settings = useSettings(db).value;
  const [error, setError] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const stored = settings?.reviewReminderAt;
  const on = isTimeOfDay(stored);
  const shownTime = time ?? (on ? stored : DEFAULT_REMINDER_TIME);
  const failed = (err: unknown) => {
    console.error('Verbatim: setting not saved', err);
    setError(describeWriteError(err, 'settingNotSaved', 'storageFullChangeNotSaved'));
  };

  const toggle = (want: boolean) => {
    setError(null);
    if (!want) {
      void setReminder(db, undefined).then(() => releaseNotifications(), failed);
      return;
    }
    // The request first, inside the click: browsers refuse one made after an await.
    void requestNotifications().then((granted) => {
      if (!granted) setError(t('optionsReviewReminderDenied'));
      else return setReminder(db, isTimeOfDay(shownTime) ? shownTime : DEFAULT_REMINDER_TIME).catch(failed);
    });
  };

  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">{t('optionsReviewHeading')}</h2>
      <p class="muted">{t('optionsReviewHelp')}</p>
      <label class="field-inline">
        {t('optionsReviewNewPerDay')}{' '}
        <input
          type="number"
          name="reviewNewPerDay"
          min={0}
          max={MAX_NEW_PER_DAY}
          disabled={!settings}
          value={settings?.reviewNewPerDay ?? DEFAULT_NEW_PER_DAY}
          onChange={(e) => {
            setError(null);
            const n = Math.round(Number(e.currentTarget.value));
            if (Number.isFinite(n) && n >= 0 && n <= MAX_NEW_PER_DAY) setNewPerDay(db, n).catch(failed);
          }}
        />
      </label>
      <p>
        <label class="check">
          <input type="checkbox" name="reviewReminder" checked={on} disabled={!settings} aria-describedby="review-reminder-help" onChange={(e) => toggle(e.currentTarget.checked)} />{' '}
          {t('optionsReviewReminder')}
        </label>{' '}
        <input
          type="time"
          name="reviewReminderAt"
          aria-label={t('optionsReviewReminderTime')}
          value={shownTime}
          disabled={!settings}
          onInput={(e) => setTime(e.currentTarget.value)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (on && isTimeOfDay(value)) setReminder(db, value).catch(failed);
          }}
        />
      </p>
      <p id="review-reminder-help" class="muted small">
        {t('optionsReviewReminderHelp')}
      </p>
      <ErrorNotice error={error} />
    </section>
  );
}
