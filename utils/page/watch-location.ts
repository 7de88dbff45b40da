/**
 * Calls `changed` after the page's URL may have changed without a reload (a single-page app's
 * `history.pushState`, back and forward, a new fragment). The caller compares URLs itself.
 *
 * Not WXT's `wxt:locationchange`: that one is a window event named after the extension's id,
 * which the page hears (so knows Verbatim is there) and can dispatch (so can fake). Here the
 * Navigation API's own events are read where the browser has it, and only the trusted ones;
 * elsewhere the URL is compared once a second, which the page cannot see.
 */
export function watchLocation(changed: () => void, signal: AbortSignal): () => void {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    // After the new entry is current: location.href is the new URL by then.
    navigation.addEventListener('currententrychange', (e) => e.isTrusted && changed(), { signal });
    return () => {};
  }
  let last = location.href;
  const timer = setInterval(() => {
    if (location.href === last) return;
    last = location.href;
    changed();
  }, 1000);
  signal.addEventListener('abort', () => clearInterval(timer));
  return () => clearInterval(timer);
}
