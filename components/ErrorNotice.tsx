export type ErrorNoticeProps = {
  /** What went wrong, in the user's language; nothing shows without it. */
  error?: string | null;
  /** A class beside `notice error`, for where the notice sits. */
  class?: string;
};

/** Why the user's last action failed, read out at once (an alert), where they acted. */
export function ErrorNotice({ error, class: extra }: ErrorNoticeProps) {
  if (!error) return null;
  return (
    <p class={extra ? `notice error ${extra}` : 'notice error'} role="alert">
      {error}
    </p>
  );
}
