import { useState } from 'preact/hooks';
import { useBackupState } from '../hooks/queries';
import type { VerbatimDb } from '../utils/db/schema';
import { backupDue } from '../utils/db/storage';
import { formatDate, t } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { exportAndDownload } from '../utils/services/backup-jobs';
import { setSetting } from '../utils/services/library';
import './backup.css';

export type BackupReminderProps = { db: VerbatimDb };

/**
 * A small banner when a backup is due (the reminder setting, the last backup, the oldest note):
 * "Back up now" makes the JSON backup; dismissing it waits for another period.
 */
export function BackupReminder({ db }: BackupReminderProps) {
  const state = useBackupState(db).value;
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!state) return null;
  const { settings, oldestNoteAt } = state;
  const due = backupDue({
    reminder: settings.backupReminder,
    lastBackupAt: settings.lastBackupAt,
    dismissedAt: settings.backupReminderDismissedAt,
    oldestNoteAt,
    now: Date.now(),
  });
  if (!due && !error) return null;

  async function backUp() {
    setWorking(true);
    setError(null);
    try {
      await exportAndDownload(db, 'backup');
    } catch (e) {
      setError(t('exportFailed', e instanceof Error ? e.message : String(e)));
    } finally {
      setWorking(false);
    }
  }

  return (
    <aside class="backup-reminder" aria-label={t('backupReminderLabel')} data-testid="backup-reminder">
      <p class={error ? 'small error' : 'small'} role={error ? 'alert' : undefined}>
        {error ?? (settings.lastBackupAt ? t('backupReminderLast', formatDate(settings.lastBackupAt, 'long')) : t('backupReminderNever'))}
      </p>
      <button type="button" class="btn btn-small btn-primary" disabled={working} onClick={() => void backUp()}>
        {t('backupNow')}
      </button>
      <button
        type="button"
        class="link-button"
        onClick={() => {
          setError(null);
          setSetting(db, 'backupReminderDismissedAt', Date.now()).catch((e: unknown) => {
            console.error('Verbatim: backup reminder not dismissed', e);
            setError(describeWriteError(e, 'settingNotSaved', 'storageFullChangeNotSaved'));
          });
        }}
      >
        {t('backupDismiss')}
      </button>
    </aside>
  );
}
