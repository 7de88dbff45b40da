import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { REVIEW_REQUEST_KEY } from '../utils/services/review';

/** A request older than this is stale (the panel was not opened then): ignored. */
const FRESH_MS = 10 * 60_000;

/**
 * Calls `show` when the daily reminder was clicked (issue #17): the background leaves the time in
 * storage and opens the panel, or it is open already. The request is cleared once acted on. The
 * panel's address `#review` shows the view too.
 */
export function useReviewRequest(show: () => void): void {
  useEffect(() => {
    const take = (at: unknown) => {
      if (typeof at !== 'number' || Date.now() - at > FRESH_MS) return;
      show();
      void browser.storage.local.remove(REVIEW_REQUEST_KEY).catch(() => {});
    };
    if (location.hash === '#review') show();
    browser.storage.local.get(REVIEW_REQUEST_KEY).then((v) => take(v[REVIEW_REQUEST_KEY]), () => {});
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[REVIEW_REQUEST_KEY]) take(changes[REVIEW_REQUEST_KEY].newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
}
