/**
 * The words of a text as tag suggestions read them: the character table applied
 * (`utils/text/table`: one apostrophe, one hyphen, one space), lowercase, NFC, French elisions
 * and English contractions split off (`utils/text/elisions`), stopwords of the text's language
 * (`utils/text/stopwords`) marked.
 */
import { ENGLISH_CONTRACTIONS, FRENCH_ELISIONS } from '../text/elisions';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../text/stopwords';
import { canonicalize } from '../text/table';

export const MIN_WORD_LENGTH = 3;
/** A paragraph of at most this many words, without closing punctuation, is a heading. */
const HEADING_MAX_WORDS = 12;

export interface Token {
  /** The word as written, lowercased, elision and clitics removed: shown in suggestions. */
  surface: string;
  /** `surface` with plurals folded: what is counted and looked up. */
  key: string;
  /** A content word: long enough, has letters, not a stopword. */
  kept: boolean;
  /** A stopword (a tag made only of these is never looked for). */
  stop: boolean;
  /** Punctuation or a line break (not only spaces) separates it from the previous token. */
  gapBefore: boolean;
  /** The elided word before it (`l'`, `d'`), lowercase, the table's apostrophe; '' if none. */
  elision: string;
  /** It is in a section heading. */
  heading: boolean;
}

export type Word = Pick<Token, 'surface' | 'gapBefore' | 'elision' | 'heading'>;

// A word: letters, marks and digits, with inner apostrophes and hyphens (`aujourd'hui`, `bien-être`).
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
// Links and addresses would otherwise give "https", "www" and domain names.
const LINK = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+/giu;
const ELISION = new RegExp(`^(?:${[...FRENCH_ELISIONS].join('|')})'(?=[\\p{L}\\p{N}])`, 'u');
const CONTRACTION = new RegExp(`(?:${ENGLISH_CONTRACTIONS.join('|')})$`, 'u');
// French inversion: `a-t-il` → `a`, `faut-il` → `faut`, `est-ce` → `est` (not `rendez-vous`).
const INVERSION = /-(?:t-)?(?:il|ils|elle|elles|on|je|tu|ce)$/u;
const HAS_LETTER = /\p{L}/u;
// Between two words, anything but spaces (punctuation, a line break) stops a term.
const GAP = /[^ ]/u;
// A paragraph ending like a sentence is not a heading.
const SENTENCE_END = /[.!?;:,]["')\]\s]*$/u;

/**
 * The words of a text: lowercase, NFC, the table's characters, elisions and contractions
 * removed. With `headings`, short paragraphs that do not end like a sentence (in a text of
 * several) are marked.
 */
export function lex(text: string, headings: boolean): Word[] {
  // Once for the whole text, not per word: this runs on articles of tens of thousands of words.
  const clean = canonicalize(text).normalize('NFC').replace(LINK, ' | ').toLowerCase();
  const words: Word[] = [];
  const paragraphs = clean.split(/\n\s*\n/u);
  const markHeadings = headings && paragraphs.length >= 3;
  for (const paragraph of paragraphs) {
    const start = words.length;
    let last = 0;
    for (const m of paragraph.matchAll(WORD)) {
      const raw = m[0];
      const elision = ELISION.exec(raw)?.[0] ?? '';
      let surface = elision ? raw.slice(elision.length) : raw;
      if (/['-]/u.test(surface)) surface = surface.replace(CONTRACTION, '').replace(INVERSION, '');
      // Usually one space apart: no need to look further.
      const gapBefore =
        words.length === start ||
        ((m.index !== last + 1 || paragraph.charCodeAt(last) !== 32) && GAP.test(paragraph.slice(last, m.index)));
      words.push({ surface, elision, gapBefore, heading: false });
      last = m.index + raw.length;
    }
    const count = words.length - start;
    if (markHeadings && count > 0 && count <= HEADING_MAX_WORDS && !SENTENCE_END.test(paragraph)) {
      for (let i = start; i < words.length; i++) words[i]!.heading = true;
    }
  }
  return words;
}

export function classify(words: readonly Word[], isStopword: (word: string) => boolean): Token[] {
  return words.map((w) => {
    const stop = isStopword(w.surface);
    const kept = !stop && w.surface.length >= MIN_WORD_LENGTH && HAS_LETTER.test(w.surface);
    // Spelled out: spreading `w` is many times slower, and this runs for every word of the text.
    return { surface: w.surface, gapBefore: w.gapBefore, elision: w.elision, heading: w.heading, key: pluralKey(w.surface), kept, stop };
  });
}

/** The word has a letter: not only digits. */
export const hasLetter = (word: string) => HAS_LETTER.test(word);

/** Simple French and English plurals share a key: client/clients, bureau/bureaux, jeu/jeux. */
function pluralKey(word: string): string {
  if (word.length > MIN_WORD_LENGTH && /[^siu]s$/u.test(word)) return word.slice(0, -1);
  if (word.length > MIN_WORD_LENGTH && /(?:eau|eu)x$/u.test(word)) return word.slice(0, -1);
  return word;
}

export type Lang = 'fr' | 'en' | undefined;

/** The text's language: as told, else the one whose stopwords it uses more (none on a tie). */
export function languageOf(lang: string | undefined, words: readonly Word[]): Lang {
  const primary = lang?.toLowerCase().slice(0, 2);
  if (primary === 'fr' || primary === 'en') return primary;
  let fr = 0;
  let en = 0;
  for (const { surface } of words) {
    if (FRENCH_STOPWORDS.has(surface)) fr++;
    if (ENGLISH_STOPWORDS.has(surface)) en++;
  }
  return fr > en ? 'fr' : en > fr ? 'en' : undefined;
}

/**
 * French text often quotes English, so French drops both lists; English drops only its own, as
 * French stopwords like "car", "son" or "font" are English content words. Unknown: both.
 */
export function stopwordsFor(primary: Lang): (word: string) => boolean {
  if (primary === 'en') return (w) => ENGLISH_STOPWORDS.has(w);
  return (w) => FRENCH_STOPWORDS.has(w) || ENGLISH_STOPWORDS.has(w);
}
