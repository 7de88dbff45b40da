import { COLORS, type Color } from '../utils/domain/model';
import { SWATCH } from '../utils/platform/colors';
import { t } from '../utils/platform/i18n';

export type ColorPickerProps = {
  /** The colour currently chosen, shown pressed. */
  value?: Color;
  /** The name each colour goes by (the user's, or the localised default). */
  names: Record<Color, string>;
  onPick: (color: Color) => void;
  /** Label of the group, for screen readers. */
  label: string;
};

/** The five highlight colours as named swatches. */
export function ColorPicker({ value, names, onPick, label }: ColorPickerProps) {
  return (
    <div class="colors" role="group" aria-label={label}>
      {COLORS.map((color, i) => (
        <button
          key={color}
          type="button"
          class="swatch-button"
          data-color={color}
          aria-pressed={value === undefined ? undefined : value === color}
          aria-label={t('colorSwatch', names[color])}
          title={`${names[color]} (${i + 1})`}
          onClick={() => onPick(color)}
        >
          <span class="swatch" style={{ background: SWATCH[color] }} aria-hidden="true" />
        </button>
      ))}
    </div>
  );
}
