import { useCallback, useState } from 'preact/hooks';
import { describeWriteError } from '../utils/platform/write-error';

/**
 * A write the user starts from one place of a page (a form, a question, a row of buttons): busy
 * while it runs, and its failure said there in the user's language (storage full: nothing was
 * changed). `failedKey` is the message with the reason (`tagChangeFailed`…); `what` names the
 * write in the console's log.
 */
export function useWrite(failedKey: string, what: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `write`; resolves true when it was done, false when it failed (and `error` says why). */
  const run = useCallback(
    async (write: () => Promise<unknown>, otherwiseKey = failedKey): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await write();
        return true;
      } catch (e) {
        console.error(`Verbatim: ${what}`, e);
        setError(describeWriteError(e, otherwiseKey, 'storageFullChangeNotSaved'));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [failedKey, what],
  );
  return { busy, error, setError, run };
}
