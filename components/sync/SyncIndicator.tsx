import { useNow, useSync } from '../../hooks/useSync';
import type { VerbatimDb } from '../../utils/db/schema';
import { t } from '../../utils/platform/i18n';
import { SYNC_SETTINGS_URL, clockTime, indicatorLine, openSyncSettings, syncErrorText } from '../../utils/platform/sync-status';
import './sync.css';

export type SyncIndicatorProps = { db: VerbatimDb };

/**
 * Sync in one line, for the side panel's header: "Synced 2 min. ago", "3 changes waiting",
 * "Syncing…", or the error with what to do and a link to the settings. Nothing when sync is off.
 * A live region (role=status) that takes no focus: a screen reader hears a change, nobody is
 * trapped; the link is the only thing to tab to, and only when there is something to fix.
 */
export function SyncIndicator({ db }: SyncIndicatorProps) {
  const sync = useSync(db);
  const now = useNow();
  const line = sync.loaded && sync.config?.enabled ? indicatorLine(sync.status, sync.pending, now) : null;
  if (!line) return null;
  const error = sync.status.error;
  // The full message (and when the next try is) for the pointer's tooltip.
  const title = error ? [syncErrorText(error.code), sync.status.nextRetryAt ? t('syncNextTry', clockTime(sync.status.nextRetryAt, now)) : ''].filter(Boolean).join(' ') : undefined;
  return (
    <div class={`sync-indicator sync-${line.kind}`} role="status" aria-label={t('syncIndicatorLabel')} data-testid="sync-indicator" data-state={line.kind} title={title}>
      <span class="sync-dot" aria-hidden="true" />
      <span class="sync-line">{line.text}</span>
      {line.kind === 'error' && (
        <a
          class="sync-link"
          href={SYNC_SETTINGS_URL()}
          target="_blank"
          rel="noopener"
          onClick={(e) => {
            e.preventDefault();
            void openSyncSettings();
          }}
        >
          {t('syncSettingsLink')}
        </a>
      )}
    </div>
  );
}
