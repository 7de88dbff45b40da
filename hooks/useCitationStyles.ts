import { useMemo } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { offeredStyles } from '../utils/citation/catalog';
import { useSettings } from './queries';

/** The citation styles a copy offers (ours, then the user's) and the default, kept up to date. */
export function useCitationStyles(db: VerbatimDb) {
  const settings = useSettings(db).value;
  return useMemo(() => offeredStyles(settings ?? {}), [settings?.citationStyle, settings?.userStyles]);
}
