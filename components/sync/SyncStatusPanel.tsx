import type { SyncState } from '../../hooks/useSync';
import { plural, t } from '../../utils/platform/i18n';
import { clockTime, pendingText, syncErrorDetail, syncErrorText, syncedText } from '../../utils/platform/sync-status';

export type SyncStatusPanelProps = {
  sync: SyncState;
  /** The time relative times are counted from (re-rendered as it moves on). */
  now: number;
};

/**
 * Sync's status in full, in the options page: the state or the last sync, the changes waiting,
 * the records refused at the last sync, and an error in full with what to do, since when, and
 * when the next try is. A live region: a change is announced, nothing takes the focus.
 */
export function SyncStatusPanel({ sync, now }: SyncStatusPanelProps) {
  const { status, pending } = sync;
  const error = status.state === 'error' ? status.error : undefined;
  return (
    <div class={`sync-status${error ? ' sync-status-error' : ''}`} role="status" data-testid="sync-status" data-state={status.state}>
      <p class="sync-status-line">
        <strong>{status.state === 'syncing' ? t('syncStateSyncing') : syncedText(status.lastSyncedAt, now)}</strong>
        {pending > 0 && <span> · {pendingText(pending)}</span>}
      </p>
      {error && (
        <div class="sync-error" data-code={error.code}>
          <p class="error">{syncErrorText(error.code)}</p>
          <p class="muted small">
            {t('syncErrorSince', clockTime(error.at, now))}
            {status.nextRetryAt ? ` ${t('syncNextTry', clockTime(status.nextRetryAt, now))}` : ''}
            {syncErrorDetail(error) ? ` ${syncErrorDetail(error)}` : ''}
          </p>
        </div>
      )}
      {status.refused ? <p class="muted small">{plural(status.refused, 'syncRefusedOne', 'syncRefusedOther')}</p> : null}
    </div>
  );
}
