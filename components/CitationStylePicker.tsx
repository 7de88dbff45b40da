import { t } from '../utils/platform/i18n';
import type { OfferedStyle } from '../utils/citation/catalog';

export type CitationStylePickerProps = {
  /** The styles offered: Verbatim's (named by message key), then the user's (by title). */
  offered: { styles: OfferedStyle[] };
  /** The style picked. */
  value: string;
  onPick: (id: string) => void;
};

/** The citation style a copy uses (note rows, the in-page card). Small: the page's bundle has it too. */
export function CitationStylePicker({ offered, value, onPick }: CitationStylePickerProps) {
  return (
    <select class="citation-style" data-action="citation-style" aria-label={t('citationStyleLabel')} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
      {offered.styles.map((s) => (
        <option key={s.id} value={s.id}>
          {s.labelKey ? t(s.labelKey) : s.title}
        </option>
      ))}
    </select>
  );
}
