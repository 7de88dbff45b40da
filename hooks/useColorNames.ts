import { getSettings } from '../utils/db/repo';
import type { VerbatimDb } from '../utils/db/schema';
import { colorName } from '../utils/platform/colors';
import { COLORS, type Color } from '../utils/domain/model';
import { useLiveQuery } from './useLiveQuery';

/** The colours' names (the user's own, else the localised defaults), live. */
export function useColorNames(db: VerbatimDb): Record<Color, string> {
  const settings = useLiveQuery(() => getSettings(db), [db]).value;
  return Object.fromEntries(COLORS.map((c) => [c, colorName(c, settings)])) as Record<Color, string>;
}
