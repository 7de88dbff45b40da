/**
 * Sync's status in the user's words (issue #15), for the options page (in full) and the side
 * panel's indicator (one line): what happened, when, and what to do about an error.
 */
import { browser } from 'wxt/browser';
import type { SyncError, SyncErrorCode, SyncStatus } from '../sync/types';
import { plural, t, uiLanguage } from './i18n';

/** An error's message with what to do (`syncError_<code>`), in full. */
export const syncErrorText = (code: SyncErrorCode): string => t(`syncError_${code}`);

/** The same in one line, for the side panel (`syncShort_<code>`). */
export const syncErrorShort = (code: SyncErrorCode): string => t(`syncShort_${code}`);

/** The error's technical detail, when it adds anything (an HTTP status, the server's reason). */
export const syncErrorDetail = (error: SyncError): string | undefined => (error.detail ? t('syncErrorDetail', error.detail) : undefined);

/** "2 minutes ago" (long) or "2 min. ago" (short), in the reader's language. */
export function timeAgo(at: number, now: number, style: 'long' | 'short' = 'long'): string {
  const rtf = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto', style });
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 3600) return rtf.format(-Math.max(1, Math.round(seconds / 60)), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3600), 'hour');
  return rtf.format(-Math.round(seconds / 86_400), 'day');
}

/** "Synced just now" / "Synced 2 minutes ago" / "Not synced yet". */
export function syncedText(lastSyncedAt: number | undefined, now: number, style: 'long' | 'short' = 'long'): string {
  if (lastSyncedAt === undefined) return t('syncNeverSynced');
  if (now - lastSyncedAt < 60_000) return t('syncSyncedJustNow');
  return t('syncSyncedAgo', timeAgo(lastSyncedAt, now, style));
}

export const pendingText = (pending: number): string => plural(pending, 'syncPendingOne', 'syncPendingOther');

/** A time of day (a retry), or a date and time when not today. */
export function clockTime(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(uiLanguage(), sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export type IndicatorLine = { kind: 'syncing' | 'error' | 'waiting' | 'synced'; text: string; code?: SyncErrorCode };

/**
 * The side panel's one line, most pressing first: syncing, an error (with what to do), changes
 * waiting, when it last synced. Null when sync is off: the indicator is not shown.
 */
export function indicatorLine(status: SyncStatus, pending: number, now: number): IndicatorLine | null {
  if (status.state === 'off') return null;
  if (status.state === 'syncing') return { kind: 'syncing', text: t('syncStateSyncing') };
  if (status.state === 'error' && status.error) return { kind: 'error', text: syncErrorShort(status.error.code), code: status.error.code };
  if (pending > 0) return { kind: 'waiting', text: pendingText(pending) };
  return { kind: 'synced', text: syncedText(status.lastSyncedAt, now, 'short') };
}

/** Opens the options page at its Sync section. */
export function openSyncSettings(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/options.html#sync') });
}

export const SYNC_SETTINGS_URL = () => browser.runtime.getURL('/options.html#sync');
