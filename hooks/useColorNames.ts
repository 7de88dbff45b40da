import type { VerbatimDb } from '../utils/db/schema';
import { COLORS, type Color } from '../utils/domain/model';
import { colorName } from '../utils/platform/colors';
import { useSettings } from './queries';

/** The colours' names (the user's own, else the localised defaults), live. */
export function useColorNames(db: VerbatimDb): Record<Color, string> {
  const settings = useSettings(db).value;
  return Object.fromEntries(COLORS.map((c) => [c, colorName(c, settings)])) as Record<Color, string>;
}
