import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/platform/i18n';
import { errorText } from '../utils/platform/write-error';

export type UnhandledErrorsProps = {
  /** Where the errors are heard (test seam); the page's window by default. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
};

/**
 * The safety net of an extension page: a promise rejection or an error nothing handled is logged
 * and said to the user in a generic message, so a failure never goes unseen. Each write is still
 * handled where it happens, with its own message; this catches only what slipped past.
 */
export function UnhandledErrors({ target = window }: UnhandledErrorsProps) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const report = (reason: unknown) => {
      console.error('Verbatim: unhandled', reason);
      setText(t('unexpectedError', errorText(reason)));
    };
    const onRejection = (e: PromiseRejectionEvent) => {
      // Logged above, once: not again as "Uncaught (in promise)".
      e.preventDefault();
      report(e.reason);
    };
    const onError = (e: ErrorEvent) => {
      // The browser's notice that some size changes wait for the next frame (a list re-measuring
      // rows as a bar above it opens): nothing failed, nothing to tell the user.
      if (e.error == null && /^ResizeObserver loop/.test(e.message)) return;
      report(e.error ?? e.message);
    };
    target.addEventListener('unhandledrejection', onRejection);
    target.addEventListener('error', onError);
    return () => {
      target.removeEventListener('unhandledrejection', onRejection);
      target.removeEventListener('error', onError);
    };
  }, [target]);
  if (!text) return null;
  return (
    <div class="notice error unhandled-error" role="alert">
      <span>{text}</span>{' '}
      <button type="button" class="link-button" onClick={() => setText(null)}>
        {t('close')}
      </button>
    </div>
  );
}
