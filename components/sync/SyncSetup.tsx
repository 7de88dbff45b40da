import { useState } from 'preact/hooks';
import { useNow, useSync } from '../../hooks/useSync';
import type { VerbatimDb } from '../../utils/db/schema';
import { t } from '../../utils/platform/i18n';
import { syncErrorText } from '../../utils/platform/sync-status';
import { askHostAccess, serverOrigin, syncNow, turnSyncOff } from '../../utils/services/sync-setup';
import type { SyncConfig } from '../../utils/sync/types';
import { SyncForm } from './SyncForm';
import { SyncStatusPanel } from './SyncStatusPanel';
import './sync.css';

export type SyncSetupProps = { db: VerbatimDb };

/**
 * The options page's Sync section (issue #15): the setup form while sync is off (off by default:
 * nothing is sent anywhere until the user turns it on), the status in full with Sync now and
 * Turn sync off while it is on.
 */
export function SyncSetup({ db }: SyncSetupProps) {
  const sync = useSync(db);
  const [turnedOff, setTurnedOff] = useState(false);
  return (
    <section id="sync" aria-labelledby="sync-heading" class="sync-setup">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      <p class="muted">{t('syncIntro')}</p>
      {!sync.loaded ? null : sync.config?.enabled ? (
        <SyncOn
          db={db}
          config={sync.config}
          sync={sync}
          onOff={() => {
            setTurnedOff(true);
          }}
        />
      ) : (
        <>
          {turnedOff && (
            <p class="notice" role="status" data-testid="sync-off">
              {t('syncTurnedOff')}
            </p>
          )}
          <SyncForm db={db} saved={sync.config} />
        </>
      )}
    </section>
  );
}

type SyncOnProps = {
  db: VerbatimDb;
  config: SyncConfig;
  sync: ReturnType<typeof useSync>;
  onOff: () => void;
};

/** Sync is on: with what, how it stands, Sync now, Turn sync off. */
function SyncOn({ db, config, sync, onOff }: SyncOnProps) {
  const now = useNow(15_000);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div class="sync-on">
      <p data-testid="sync-summary">
        {t('syncOnWith', config.url, config.database)}
        {config.encrypted && <> {t('syncOnEncrypted')}</>}
      </p>
      <SyncStatusPanel sync={sync} now={now} />
      {failed && (
        <p class="notice error" role="alert">
          {failed}
        </p>
      )}
      <div class="sync-actions">
        <button
          type="button"
          class="btn btn-primary"
          name="syncNow"
          disabled={busy || sync.status.state === 'syncing'}
          onClick={() => {
            setBusy(true);
            setFailed(null);
            // Stopped for want of host access: the browser asks now, in the click, for that origin only.
            const origin = serverOrigin(config.url);
            const access = sync.status.error?.code === 'noPermission' && origin.ok ? askHostAccess(origin.origin) : Promise.resolve(true);
            void access
              .then(() => syncNow())
              .then((r) => {
                // The background could not be asked (it answers with the status otherwise, and the panel shows it).
                if ('code' in r) setFailed(syncErrorText(r.code));
              })
              .finally(() => setBusy(false));
          }}
        >
          {t('syncNow')}
        </button>
        <button
          type="button"
          class="btn"
          name="syncTurnOff"
          aria-describedby="sync-off-help"
          onClick={() => {
            setFailed(null);
            turnSyncOff(db).then(onOff, (e: unknown) => setFailed(t('syncNotSaved', e instanceof Error ? e.message : String(e))));
          }}
        >
          {t('syncTurnOff')}
        </button>
      </div>
      <p id="sync-off-help" class="muted small">
        {t('syncTurnOffHelp')} {t('syncChangeHelp')}
      </p>
    </div>
  );
}
