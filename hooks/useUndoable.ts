import { useCallback, useState } from 'preact/hooks';
import { describeWriteError } from '../utils/platform/write-error';

/** The last action made, with its way back. */
type Last = { message: string; undo: () => Promise<void> };

/**
 * One Undo for actions that are not a change of notes (a project deleted, an item removed from a
 * board): `run` makes the action and keeps the function that puts it back; `message` says what
 * was done until it is undone, dismissed or replaced, or why the undo failed. The action's own
 * failure is the caller's to say where the user acted (`run` rejects, nothing offered).
 */
export function useUndoable() {
  const [last, setLast] = useState<Last | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>, message: (done: T) => string, undo: (done: T) => Promise<void>): Promise<T> => {
    const done = await action();
    setFailed(null);
    setLast({ message: message(done), undo: () => undo(done) });
    return done;
  }, []);
  const undo = useCallback(async () => {
    if (!last) return;
    try {
      await last.undo();
    } catch (e) {
      console.error('Verbatim: undo failed', e);
      setFailed(describeWriteError(e, 'undoFailed'));
      return;
    }
    setLast(null);
    setFailed(null);
  }, [last]);
  const dismiss = useCallback(() => {
    setLast(null);
    setFailed(null);
  }, []);
  return { message: last ? (failed ?? last.message) : null, failed: failed !== null, run, undo, dismiss };
}
