import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerbatimDb } from '../../utils/db/schema';
import { t } from '../../utils/platform/i18n';
import { syncErrorDetail, syncErrorText } from '../../utils/platform/sync-status';
import { askHostAccess, checkConnection, hasHostAccess, makeDatabase, serverOrigin, turnSyncOn, type ConnectionCheck } from '../../utils/services/sync-setup';
import type { SyncAuth, SyncConfig, SyncError } from '../../utils/sync/types';

/** The shortest passphrase accepted for a new encrypted database. */
export const MIN_PASSPHRASE = 8;

export type SyncFormProps = {
  db: VerbatimDb;
  /** The setup kept from before (sync turned off): the form starts from it. */
  saved?: SyncConfig;
};

type Outcome =
  | { kind: 'ok' | 'info'; text: string }
  | { kind: 'error'; error: SyncError }
  | { kind: 'invalid'; text: string }
  | { kind: 'noDatabase'; text: string };

type Busy = 'test' | 'create' | 'on' | null;

/**
 * The sync setup form: server address, database, sign-in, encryption; Test connection (saying
 * exactly what is wrong, and offering to create a missing database) and Turn sync on. Host
 * access is asked for in the click, for the server's origin only, and only when the browser does
 * not grant it already (the user restricted Verbatim's site access). Every control has a visible
 * label and a stable name (the two-browser tests drive it).
 */
export function SyncForm({ db, saved }: SyncFormProps) {
  const [url, setUrl] = useState(saved?.url ?? '');
  const [database, setDatabase] = useState(saved?.database ?? 'verbatim');
  const [authKind, setAuthKind] = useState<SyncAuth['kind']>(saved?.auth.kind ?? 'none');
  const [user, setUser] = useState(saved?.auth.kind === 'none' ? '' : (saved?.auth.user ?? ''));
  const [password, setPassword] = useState(saved?.auth.kind === 'none' ? '' : (saved?.auth.password ?? ''));
  const [encrypt, setEncrypt] = useState(saved?.encrypted ?? false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  // The database turned out encrypted: this browser joins it, with the passphrase alone.
  const [joining, setJoining] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Whether the browser already grants the typed origin, known before the click: a permission
  // request must be the first thing a click does (the user's gesture does not outlive an await).
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const passphraseField = useRef<HTMLInputElement>(null);

  const origin = serverOrigin(url);
  useEffect(() => {
    if (!origin.ok || origin.origin in granted) return;
    const o = origin.origin;
    void hasHostAccess(o).then((yes) => setGranted((g) => ({ ...g, [o]: yes })));
  }, [origin.ok && origin.origin]);

  const config = (): SyncConfig => ({
    enabled: false,
    url: url.trim().replace(/\/+$/, ''),
    database: database.trim(),
    auth: authKind === 'none' ? { kind: 'none' } : { kind: authKind, user: user.trim(), password },
    encrypted: encrypt,
  });

  /** The address checked and the origin granted; false (with why shown) when not. No await before the request. */
  async function access(): Promise<boolean> {
    if (!origin.ok) {
      setOutcome({ kind: 'error', error: origin.error });
      return false;
    }
    if (granted[origin.origin]) return true;
    const yes = await askHostAccess(origin.origin);
    setGranted((g) => ({ ...g, [origin.origin]: yes }));
    if (!yes) setOutcome({ kind: 'error', error: { code: 'noPermission' } });
    return yes;
  }

  /** What a connection check says, as shown under the form; true when the database is there. */
  function show(check: ConnectionCheck, setup: SyncConfig): boolean {
    if (!check.ok) {
      setOutcome({ kind: 'error', error: check.error });
      return false;
    }
    if (!check.database) {
      setOutcome({ kind: 'noDatabase', text: t('syncNoDatabase', check.server, setup.database) });
      return false;
    }
    if (check.encrypted) {
      setEncrypt(true);
      setJoining(true);
      setOutcome({ kind: 'info', text: t('syncEncryptedDatabase') });
      queueMicrotask(() => passphraseField.current?.focus());
      return true;
    }
    setJoining(false);
    setOutcome({ kind: 'ok', text: t('syncTestOk', check.server) });
    return true;
  }

  async function run(kind: Exclude<Busy, null>, work: () => Promise<void>) {
    setBusy(kind);
    try {
      await work();
    } catch (e) {
      setOutcome({ kind: 'error', error: { code: 'badResponse', detail: e instanceof Error ? e.message : String(e) } });
    } finally {
      setBusy(null);
    }
  }

  const test = () => {
    setOutcome(null);
    void run('test', async () => {
      if (!(await access())) return;
      setOutcome({ kind: 'info', text: t('syncTesting') });
      const setup = config();
      show(await checkConnection(setup), setup);
    });
  };

  const create = () => {
    void run('create', async () => {
      if (!(await access())) return;
      const setup = config();
      const failed = await makeDatabase(setup);
      setOutcome(failed ? { kind: 'error', error: failed } : { kind: 'ok', text: t('syncDatabaseCreated', setup.database) });
    });
  };

  const turnOn = (e: Event) => {
    e.preventDefault();
    setOutcome(null);
    void run('on', async () => {
      if (!(await access())) return;
      const setup = config();
      const check = await checkConnection(setup);
      if (!show(check, setup) || !check.ok) return;
      // The database was encrypted and the box not ticked: now it is, and the passphrase is asked for.
      if (check.encrypted && !encrypt) return;
      if (setup.encrypted && !check.encrypted) {
        if (passphrase.length < MIN_PASSPHRASE) return setOutcome({ kind: 'invalid', text: t('syncPassphraseShort', String(MIN_PASSPHRASE)) });
        if (passphrase !== confirm) return setOutcome({ kind: 'invalid', text: t('syncPassphraseMismatch') });
      }
      setOutcome({ kind: 'info', text: t('syncTurningOn') });
      const result = await turnSyncOn(db, { ...setup, encrypted: setup.encrypted || check.encrypted }, passphrase);
      // Turned on: the section shows the status instead of the form.
      if (!result.ok) setOutcome({ kind: 'error', error: result.error });
      else setOutcome(null);
    });
  };

  const needsUser = authKind !== 'none';
  return (
    <form class="sync-form" name="sync" onSubmit={turnOn} aria-busy={busy !== null}>
      <label class="field">
        <span>{t('syncServerUrl')}</span>
        <input type="url" name="syncUrl" value={url} required inputMode="url" autoComplete="url" spellcheck={false} aria-describedby="sync-url-help" placeholder="https://couch.example.org:6984" onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <p id="sync-url-help" class="muted small">{t('syncServerUrlHelp')}</p>
      <label class="field">
        <span>{t('syncDatabase')}</span>
        <input type="text" name="syncDatabase" value={database} required spellcheck={false} autoComplete="off" onInput={(e) => setDatabase(e.currentTarget.value)} />
      </label>
      <fieldset class="sync-auth">
        <legend>{t('syncSignIn')}</legend>
        {(['none', 'basic', 'cookie'] as const).map((kind) => (
          <label class="check" key={kind}>
            <input type="radio" name="syncAuth" value={kind} checked={authKind === kind} onChange={() => setAuthKind(kind)} />{' '}
            {t(kind === 'none' ? 'syncAuthNone' : kind === 'basic' ? 'syncAuthBasic' : 'syncAuthCookie')}
          </label>
        ))}
        {needsUser && (
          <>
            <label class="field">
              <span>{t('syncUser')}</span>
              <input type="text" name="syncUser" value={user} required autoComplete="username" spellcheck={false} onInput={(e) => setUser(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t('syncPassword')}</span>
              <input type="password" name="syncPassword" value={password} required autoComplete="current-password" aria-describedby="sync-credentials-help" onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            <p id="sync-credentials-help" class="muted small">{t('syncCredentialsHelp')}</p>
          </>
        )}
      </fieldset>
      <label class="check">
        <input type="checkbox" name="syncEncrypt" checked={encrypt} disabled={joining} aria-describedby="sync-encrypt-help" onChange={(e) => setEncrypt(e.currentTarget.checked)} />{' '}
        {t('syncEncrypt')}
      </label>
      <p id="sync-encrypt-help" class="muted small">{t('syncEncryptHelp')}</p>
      {encrypt && (
        <div class="sync-passphrase">
          <label class="field">
            <span>{t('syncPassphrase')}</span>
            <input ref={passphraseField} type="password" name="syncPassphrase" value={passphrase} required autoComplete="new-password" onInput={(e) => setPassphrase(e.currentTarget.value)} />
          </label>
          {!joining && (
            <label class="field">
              <span>{t('syncPassphraseConfirm')}</span>
              <input type="password" name="syncPassphraseConfirm" value={confirm} required autoComplete="new-password" onInput={(e) => setConfirm(e.currentTarget.value)} />
            </label>
          )}
        </div>
      )}
      <div class="sync-actions">
        <button type="button" class="btn" name="syncTest" disabled={busy !== null} onClick={test}>
          {t('syncTest')}
        </button>
        <button type="submit" class="btn btn-primary" name="syncTurnOn" disabled={busy !== null}>
          {t('syncTurnOn')}
        </button>
      </div>
      <Result outcome={outcome} busy={busy} onCreate={create} />
    </form>
  );
}

/** What the last test or attempt said: a live region; an error as an alert, with what to do. */
function Result({ outcome, busy, onCreate }: { outcome: Outcome | null; busy: Busy; onCreate: () => void }) {
  if (!outcome) return <div role="status" data-testid="sync-result" />;
  if (outcome.kind === 'error') {
    const detail = syncErrorDetail(outcome.error);
    return (
      <div class="notice sync-result error" role="alert" data-testid="sync-result" data-code={outcome.error.code}>
        <p>{syncErrorText(outcome.error.code)}</p>
        {detail && <p class="small muted">{detail}</p>}
      </div>
    );
  }
  if (outcome.kind === 'invalid') {
    return (
      <div class="notice sync-result error" role="alert" data-testid="sync-result">
        <p>{outcome.text}</p>
      </div>
    );
  }
  return (
    <div class={`notice sync-result sync-${outcome.kind}`} role="status" data-testid="sync-result" data-code={outcome.kind === 'noDatabase' ? 'noDatabase' : undefined}>
      <p>{outcome.text}</p>
      {outcome.kind === 'noDatabase' && (
        <button type="button" class="btn" name="syncCreateDatabase" disabled={busy !== null} onClick={onCreate}>
          {t('syncCreateDatabase')}
        </button>
      )}
    </div>
  );
}
