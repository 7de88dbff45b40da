/**
 * The citation styles by name, without their CSL: what a menu lists and settings store, light
 * enough for any bundle (the page's included). The CSL itself is in styles.ts, loaded on demand.
 */

export const BUILT_IN_STYLES = [
  { id: 'apa', label: 'APA 7' },
  { id: 'mla', label: 'MLA 9' },
  { id: 'chicago-author-date', label: 'Chicago (author-date)' },
  { id: 'chicago-notes', label: 'Chicago (notes)' },
  { id: 'iso690-author-date-fr', label: 'ISO 690 (FR)' },
  { id: 'iso690-author-date-en', label: 'ISO 690 (EN)' },
  { id: 'harvard', label: 'Harvard' },
] as const;

export type StyleId = (typeof BUILT_IN_STYLES)[number]['id'];

export const DEFAULT_STYLE: StyleId = 'apa';

export function isBuiltInStyle(id: string): id is StyleId {
  return BUILT_IN_STYLES.some((s) => s.id === id);
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
