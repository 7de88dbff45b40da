import { useEffect } from 'preact/hooks';
import { t } from '../utils/platform/i18n';

export type UndoBarProps = {
  /** What happened, e.g. "Note deleted.", or why the undo failed. */
  message: string;
  /** The message says the undo failed: read out at once (an alert), not politely. */
  failed?: boolean;
  /** Puts things back; no Undo button without it (a change that changed nothing). */
  onUndo?: (() => void) | undefined;
  /** Called when the bar goes away on its own, after `timeoutMs`. */
  onExpire: () => void;
  timeoutMs?: number;
};

/** A short-lived bar saying what the last change did, and offering to undo it. */
export function UndoBar({ message, failed, onUndo, onExpire, timeoutMs = 8000 }: UndoBarProps) {
  // A new message (the undo failed) starts the time again: the user gets to read it and retry.
  useEffect(() => {
    const timer = setTimeout(onExpire, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onExpire, timeoutMs]);
  return (
    <div class={failed ? 'undo-bar failed' : 'undo-bar'} role={failed ? 'alert' : 'status'}>
      <span>{message}</span>
      {onUndo && (
        <button type="button" class="btn btn-small" onClick={onUndo}>
          {t('undo')}
        </button>
      )}
    </div>
  );
}
