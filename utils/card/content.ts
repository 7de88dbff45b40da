/**
 * What a quote card says about a note (issue #17): the passage with its language's quotation
 * marks (« » with narrow no-break spaces in French, “ ” in English), who said it, where it comes
 * from, and the link that opens the page at the passage (a text fragment, for the QR code). Pure.
 */
import { attributionOf } from '../domain/attribution';
import { citationUrl } from '../domain/citation';
import type { Attribution, Note, PageMeta } from '../domain/model';
import { frenchTypography, isFrench } from '../citation/typography';
import { siteOf } from '../search/records';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../text/stopwords';
import type { CardText } from './layout';
import { markedPassage, quoteMarks } from '../text/quote-marks';

export interface CardContent extends CardText {
  /** The language the card is set in (the passage's): `fr`, `en`… */
  lang: string;
  /** The page, opened at the passage: what the QR code holds. */
  link: string;
}


/**
 * The passage's language: the page's when it declared one, else the one whose common words the
 * passage uses more (French or English), else the reader's.
 */
export function quoteLanguage(text: string, declared: string | undefined, uiLang: string): string {
  if (declared?.trim()) return declared.trim();
  let fr = 0;
  let en = 0;
  for (const word of text.toLowerCase().replace(/[’']/gu, "' ").split(/[^\p{L}']+/u)) {
    if (FRENCH_STOPWORDS.has(word)) fr++;
    if (ENGLISH_STOPWORDS.has(word)) en++;
  }
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return uiLang;
}

/** A date as the card's language writes it (`12 mars 2024`, `March 12, 2024`); '' when unreadable. */
function longDate(value: string | undefined, lang: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  }
}

const sameName = (a: string, b: string) => a.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim() === b.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The card for a note: its speaker first (else the article's author), then the source: the author
 * when someone else is speaking, the title, the site and the date, in the passage's language.
 */
export function cardContent(note: Pick<Note, 'exact' | 'selectors' | 'url' | 'speaker' | 'attribution'>, article: PageMeta | undefined, uiLang: string): CardContent {
  const a: Attribution | undefined = note.attribution ?? (article ? attributionOf(article) : undefined);
  const lang = quoteLanguage(note.exact, article?.lang, uiLang);
  const french = isFrench(lang);
  // Marks around the whole passage are the card's to draw; quotations inside take the inner marks.
  const quote = markedPassage(french ? frenchTypography(note.exact) : note.exact, french);
  const speaker = note.speaker?.trim() || a?.author?.trim() || undefined;
  const site = a?.siteName?.trim() || siteOf(a?.url ?? note.url);
  const parts = [
    a?.author && speaker && !sameName(a.author, speaker) ? a.author.trim() : '',
    a?.title?.trim() ?? '',
    site && !sameName(site, a?.title ?? '') ? site : '',
    // A date is never split across lines.
    longDate(a?.publishedTime, lang).replace(/ /gu, '\u00A0'),
  ].filter(Boolean);
  const source = parts.join(' · ');
  return {
    lang,
    quote,
    marks: quoteMarks(french),
    ...(speaker ? { speaker } : {}),
    ...(source ? { source: french ? frenchTypography(source) : source } : {}),
    link: citationUrl(note, a ? { url: a.url } : undefined),
  };
}
