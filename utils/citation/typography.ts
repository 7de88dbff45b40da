/**
 * French typography for what Verbatim writes in French: « » with narrow no-break spaces inside,
 * a no-break space before `:` and a narrow no-break space before `;`, `!` and `?` (Lexique des
 * règles typographiques en usage à l'Imprimerie nationale). Addresses are left as they are.
 */

export const NNBSP = '\u202F';
export const NBSP = '\u00A0';

const URL_PART = /(https?:\/\/\S+|www\.\S+)/u;

/** The text with French spacing and quotation marks; URLs untouched. */
export function frenchTypography(text: string): string {
  return text
    .split(URL_PART)
    .map((part, i) => (i % 2 === 1 ? part : frenchPart(part)))
    .join('');
}

function frenchPart(text: string): string {
  return (
    text
      // “…” and "…" pairs become « … ».
      .replace(/[“"]([^“”"\n]+)[”"]/gu, `«${NNBSP}$1${NNBSP}»`)
      .replace(/«[ \u00A0\u202F]*/gu, `«${NNBSP}`)
      .replace(/[ \u00A0\u202F]*»/gu, `${NNBSP}»`)
      // No space, or an ordinary one, before ; ! ? (not inside "?!" runs, not after a digit for times).
      .replace(/(?<=[\p{L}\p{N})\]»'’])[ \u00A0\u202F]?([;!?])/gu, `${NNBSP}$1`)
      .replace(/(?<=[\p{L})\]»'’])[ \u00A0\u202F]?:(?=\s|$)/gu, `${NBSP}:`)
      .replace(/ :(?=\s|$)/gu, `${NBSP}:`)
      // « Pourquoi ? ». — the question mark ends the sentence: no period after the closing mark.
      .replace(/([?!…]\u202F»)\./gu, '$1')
  );
}

/** Whether a BCP 47 tag is French. */
export function isFrench(lang: string): boolean {
  return /^fr\b/iu.test(lang);
}
