import { useCallback, useState } from 'preact/hooks';
import { describeWriteError } from '../utils/platform/write-error';

/** The last action made, with its way back (null: nothing to put back). */
type Last = { message: string; undo: (() => Promise<void>) | null };

/**
 * One Undo for a page's actions: `run` makes the action and keeps the function that puts it
 * back; `message` says what was done until it is undone, dismissed or replaced, or why the undo
 * failed. The action's own failure is the caller's to say where the user acted (`run` rejects,
 * nothing offered). `offer` is `run` for actions that may have nothing to undo (useUndo's changes).
 */
export function useUndoable() {
  const [last, setLast] = useState<Last | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const offer = useCallback(async <T,>(action: () => Promise<T>, back: (done: T) => Last): Promise<T> => {
    const done = await action();
    setFailed(null);
    setLast(back(done));
    return done;
  }, []);
  const run = useCallback(
    <T,>(action: () => Promise<T>, message: (done: T) => string, undo: (done: T) => Promise<void>): Promise<T> =>
      offer(action, (done) => ({ message: message(done), undo: () => undo(done) })),
    [offer],
  );
  /** Puts back what the last action did. Never rejects: a failure is in `message`. */
  const undo = useCallback(async () => {
    if (!last?.undo) return;
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
  return {
    message: last ? (failed ?? last.message) : null,
    /** There is something to undo. */
    undoable: !!last?.undo,
    failed: failed !== null,
    run,
    offer,
    undo,
    dismiss,
  };
}
