import { useEffect } from 'preact/hooks';
import { t } from '../utils/i18n';

export type UndoBarProps = {
  /** What happened, e.g. "Note deleted." */
  message: string;
  /** Puts things back. */
  onUndo: () => void;
  /** Called when the bar goes away on its own, after `timeoutMs`. */
  onExpire: () => void;
  timeoutMs?: number;
};

/** A short-lived bar offering to undo the last destructive action. */
export function UndoBar({ message, onUndo, onExpire, timeoutMs = 8000 }: UndoBarProps) {
  useEffect(() => {
    const timer = setTimeout(onExpire, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onExpire, timeoutMs]);
  return (
    <div class="undo-bar" role="status">
      <span>{message}</span>
      <button type="button" class="btn btn-small" onClick={onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
