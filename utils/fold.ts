/**
 * Folds text for matching as a reader compares words: case, accents and ligatures ignored,
 * so "experience" finds « Expérience » and "oeuvre" finds « œuvre ».
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}
