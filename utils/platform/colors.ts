import { t } from './i18n';
import type { Color, Settings } from '../domain/model';

/** Message keys of each colour's default name ("Idea", "Figure", …), localised. */
const DEFAULT_NAME_KEYS: Record<Color, string> = {
  yellow: 'colorYellow',
  green: 'colorGreen',
  blue: 'colorBlue',
  pink: 'colorPink',
  purple: 'colorPurple',
};

/** The name a colour goes by: the user's own, else the localised default. */
export const colorName = (color: Color, settings?: Settings): string =>
  settings?.colorNames[color] || t(DEFAULT_NAME_KEYS[color]);

/** Swatch colours for the UI (opaque versions of the drawn highlights). */
export const SWATCH: Record<Color, string> = {
  yellow: '#ffd500',
  green: '#40c86e',
  blue: '#50a0ff',
  pink: '#ff69aa',
  purple: '#a06eff',
};
