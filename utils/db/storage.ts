import type { BackupReminder } from '../domain/model';

/**
 * "Never lost": what the browser says about Verbatim's storage, and when to remind the user to
 * back up. `formatBytes` and `backupDue` are pure; the others take the StorageManager to ask,
 * so tests pass their own.
 */

const DAY = 24 * 60 * 60 * 1000;
/** How long each reminder setting lets pass without a backup. */
export const REMINDER_PERIOD: Record<Exclude<BackupReminder, 'off'>, number> = { weekly: 7 * DAY, monthly: 30 * DAY };

const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * `1.5 MB` / `1,5 Mo`: decimal units (as file managers show sizes), in the language's format;
 * kilobytes at least (Intl's short "byte" is not pluralised: "999 byte").
 */
export function formatBytes(bytes: number, lang: string): string {
  let value = Math.max(0, bytes) / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value >= 100 ? 0 : 1,
  }).format(value);
}

export interface StorageState {
  /** Bytes used by this extension's origin, when the browser says. */
  usage?: number;
  /** Bytes it may use. */
  quota?: number;
  /** Whether the browser promised not to clear it under storage pressure. */
  persisted?: boolean;
}

type Manager = Partial<Pick<StorageManager, 'estimate' | 'persisted' | 'persist'>>;
const manager = (): Manager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

/** Usage, quota and persistence; fields the browser will not tell are left out. */
export async function readStorage(storage: Manager | undefined = manager()): Promise<StorageState> {
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => undefined),
  ]);
  const state: StorageState = {};
  if (typeof estimate?.usage === 'number') state.usage = estimate.usage;
  if (typeof estimate?.quota === 'number') state.quota = estimate.quota;
  if (typeof persisted === 'boolean') state.persisted = persisted;
  return state;
}

/**
 * Asks the browser to keep Verbatim's data under storage pressure (it may say no, or ask the
 * user). `persist()` exists in windows only, not in a service worker: false there.
 */
export async function askPersistence(storage: Manager | undefined = manager()): Promise<boolean> {
  if (!storage?.persist) return false;
  if (await storage.persisted?.().catch(() => false)) return true;
  return storage.persist().catch(() => false);
}

export interface ReminderState {
  reminder: BackupReminder;
  /** The last full backup from this device. */
  lastBackupAt?: number;
  /** When the reminder was last dismissed. */
  dismissedAt?: number;
  /** When the oldest note was made; undefined when there are none. */
  oldestNoteAt?: number;
  now: number;
}

/**
 * Whether to remind the user to back up: notes exist, the reminder is on, and the chosen period
 * has passed since the last backup (or, never backed up, since the first note: a new user is
 * not asked for a backup of their first highlight) and since the reminder was last dismissed.
 */
export function backupDue({ reminder, lastBackupAt, dismissedAt, oldestNoteAt, now }: ReminderState): boolean {
  if (reminder === 'off' || oldestNoteAt === undefined) return false;
  const period = REMINDER_PERIOD[reminder];
  if (now - (lastBackupAt ?? oldestNoteAt) < period) return false;
  return dismissedAt === undefined || now - dismissedAt >= period;
}
