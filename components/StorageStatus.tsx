import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useSettings } from '../hooks/queries';
import type { VerbatimDb } from '../utils/db/schema';
import { askPersistence, formatBytes, readStorage, type StorageState } from '../utils/db/storage';
import { BACKUP_REMINDERS, type BackupReminder } from '../utils/domain/model';
import { t, uiLanguage } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { setSetting } from '../utils/services/library';
import './backup.css';

export type StorageStatusProps = { db: VerbatimDb };

const reminderLabel = (r: BackupReminder) =>
  r === 'off' ? t('backupReminderOff') : r === 'weekly' ? t('backupReminderWeekly') : t('backupReminderMonthly');

/** A date with the time, in the reader's language. */
const dateTime = (ms: number) => new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'long', timeStyle: 'short' }).format(ms);

/**
 * Where Verbatim's data stands: space used and available, whether the browser may clear it (and
 * a button asking it not to, when nothing protects it yet), the last backup, and the backup
 * reminder setting.
 */
export function StorageStatus({ db }: StorageStatusProps) {
  const settings = useSettings(db).value;
  const [storage, setStorage] = useState<StorageState | null>(null);
  const [refused, setRefused] = useState(false);
  const [unlimited, setUnlimited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lang = uiLanguage();

  // Chrome does not evict an extension with unlimitedStorage, though persisted() stays false.
  useEffect(() => {
    browser.permissions.contains({ permissions: ['unlimitedStorage'] }).then(setUnlimited, () => setUnlimited(false));
  }, []);

  // Read again after each import or backup (both change settings) to show the new usage.
  useEffect(() => {
    void readStorage().then(setStorage);
  }, [settings?.libraryEpoch, settings?.lastBackupAt]);

  async function protect() {
    const granted = await askPersistence();
    setRefused(!granted);
    setStorage(await readStorage());
  }

  return (
    <div class="storage-status">
      <p data-testid="storage-usage">
        {storage?.usage !== undefined && storage.quota !== undefined
          ? t('storageUsage', formatBytes(storage.usage, lang), formatBytes(storage.quota, lang))
          : storage
            ? t('storageUsageUnknown')
            : '\u00a0'}
      </p>
      {storage?.persisted !== undefined && (
        <p data-testid="storage-persisted">
          {storage.persisted ? t('storagePersisted') : unlimited ? t('storageUnlimited') : t('storageNotPersisted')}{' '}
          {!storage.persisted && !unlimited && (
            <button type="button" class="btn btn-small" onClick={() => void protect()}>
              {t('storagePersist')}
            </button>
          )}
        </p>
      )}
      {refused && !storage?.persisted && <p class="notice">{t('storagePersistRefused')}</p>}
      <p data-testid="last-backup">
        {settings?.lastBackupAt ? t('storageLastBackup', dateTime(settings.lastBackupAt)) : t('storageNeverBackedUp')}
      </p>
      <label class="reminder-setting">
        {t('backupReminderLabel')}{' '}
        <select
          value={settings?.backupReminder ?? 'monthly'}
          onChange={(e) => {
            setError(null);
            setSetting(db, 'backupReminder', e.currentTarget.value as BackupReminder).catch((err: unknown) => {
              console.error('Verbatim: backup reminder not saved', err);
              setError(describeWriteError(err, 'settingNotSaved', 'storageFullChangeNotSaved'));
            });
          }}
        >
          {BACKUP_REMINDERS.map((r) => (
            <option key={r} value={r}>
              {reminderLabel(r)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
