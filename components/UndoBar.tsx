import { useEffect } from 'preact/hooks';
import { t } from '../utils/platform/i18n';

export type UndoBarProps = {
  /** What happened, e.g. "Note deleted.", or why the undo failed. */
  message: string;
  /** The message says the undo failed: read out at once (an alert), not politely. */
  failed?: boolean;
  /** Puts things back. */
  onUndo: () => void;
  /** Called when the bar goes away on its own, after `timeoutMs`. */
  onExpire: () => void;
  timeoutMs?: number;
};

/** A short-lived bar offering to undo the last destructive action. */
export function UndoBar({ message, failed, onUndo, onExpire, timeoutMs = 8000 }: UndoBarProps) {
  // A new message (the undo failed) starts the time again: the user gets to read it and retry.
  useEffect(() => {
    const timer = setTimeout(onExpire, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onExpire, timeoutMs]);
  return (
    <div class={failed ? 'undo-bar failed' : 'undo-bar'} role={failed ? 'alert' : 'status'}>
      <span>{message}</span>
      <button type="button" class="btn btn-small" onClick={onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
