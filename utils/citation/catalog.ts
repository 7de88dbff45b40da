/**
 * The citation styles by id and message key of their name, without their CSL: what a menu lists
 * and settings store, light enough for any bundle (the page's included). The CSL itself is in styles.ts, loaded on demand.
 */

export const BUILT_IN_STYLES = [
  { id: 'apa', labelKey: 'styleApa' },
  { id: 'mla', labelKey: 'styleMla' },
  { id: 'chicago-author-date', labelKey: 'styleChicagoAuthorDate' },
  { id: 'chicago-notes', labelKey: 'styleChicagoNotes' },
  { id: 'iso690-author-date-fr', labelKey: 'styleIsoFr' },
  { id: 'iso690-author-date-en', labelKey: 'styleIsoEn' },
  { id: 'harvard', labelKey: 'styleHarvard' },
] as const;

export type StyleId = (typeof BUILT_IN_STYLES)[number]['id'];

export const DEFAULT_STYLE: StyleId = 'apa';

export function isBuiltInStyle(id: string): id is StyleId {
  return BUILT_IN_STYLES.some((s) => s.id === id);
}

/** A style a copy offers: its id and how a menu names it (a message key for ours, the title for a user's). */
export interface OfferedStyle {
  id: string;
  /** Message key of a built-in style's name. */
  labelKey?: string;
  /** A user style's own title. */
  title?: string;
}

/** The styles a copy offers, ours then the user's, and the one picked unless the user picks another. */
export function offeredStyles(settings: { citationStyle?: string; userStyles?: Array<{ id: string; title: string }> }): {
  styles: OfferedStyle[];
  default: string;
} {
  const styles: OfferedStyle[] = [
    ...BUILT_IN_STYLES.map((s) => ({ id: s.id, labelKey: s.labelKey })),
    ...(settings.userStyles ?? []).map((s) => ({ id: s.id, title: s.title })),
  ];
  const wanted = settings.citationStyle;
  return { styles, default: wanted && styles.some((s) => s.id === wanted) ? wanted : DEFAULT_STYLE };
}

/**
 * How each style says that the words are someone else's, quoted by the source's author
 * ("Camus, cité par Martin"): APA 7 § 8.6 "as cited in", MLA 9 § 6.75 "qtd. in", Chicago 17
 * 14.260 "quoted in", Cite Them Right "cited in"; in French, "cité par" in every style.
 */
export function quotedInTerm(styleId: string, lang: string): string {
  if (lang.toLowerCase().startsWith('fr')) return 'cité par';
  switch (styleId) {
    case 'apa':
      return 'as cited in';
    case 'mla':
      return 'qtd. in';
    case 'harvard':
    case 'iso690-author-date-en':
    case 'iso690-author-date-fr':
      return 'cited in';
    default:
      return 'quoted in';
  }
}
