/**
 * Quote card fixtures shared by the unit tests, the e2e test and the benchmark (issue #17): quotes
 * of a given length in French and English, with the punctuation French typography spaces, and a
 * deterministic `measure` (widths per character, proportional to the font size).
 */

const FRENCH = 'Il faut imaginer Sisyphe heureux ; la lutte elle-même vers les sommets suffit à remplir un cœur d’homme. Pourquoi écrire ? Parce que la mémoire est courte : ce que l’on ne note pas disparaît ! Le travail bien fait est une forme de politesse envers ceux qui viendront après nous, et personne ne s’en aperçoit jamais tout de suite.';
const ENGLISH = 'The best way to predict the future is to invent it; a habit grows quietly before anyone sees it. Why write? Because memory is short: what you do not note goes away! Work done well is a kind of courtesy toward the people who come after us, and nobody notices it at first.';

/** A quote of about `length` characters (cut at a word, never longer), in `lang`. */
export function quoteOf(length: number, lang: 'fr' | 'en'): string {
  const source = lang === 'fr' ? FRENCH : ENGLISH;
  let text = '';
  while (text.length < length) text += (text ? ' ' : '') + source;
  if (length <= 12) return lang === 'fr' ? 'Tout passe.' : 'It passes.';
  const cut = text.slice(0, length);
  return cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:]+$/u, '') + '.';
}

/** Em widths of characters, roughly a serif's; anything else is 0.55 em. */
const EM: Record<string, number> = { ' ': 0.25, '\u00A0': 0.25, '\u202F': 0.17, i: 0.28, l: 0.28, j: 0.28, t: 0.33, f: 0.33, r: 0.39, '.': 0.25, ',': 0.25, ';': 0.27, ':': 0.27, '!': 0.33, '?': 0.45, '’': 0.25, '«': 0.5, '»': 0.5, '“': 0.44, '”': 0.44, m: 0.83, w: 0.78, M: 0.9, W: 0.95, '…': 1 };

/** A deterministic stand-in for `measureText`: the font's px size times each character's em width (bold 5 % wider). */
export function fakeMeasure(text: string, font: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/u.exec(font)?.[1] ?? 16);
  const bold = /^\s*(6|7|8|9)00\b/u.test(font) ? 1.05 : 1;
  let em = 0;
  for (const c of text) em += EM[c] ?? (c >= 'A' && c <= 'Z' ? 0.68 : 0.52);
  return em * size * bold;
}
