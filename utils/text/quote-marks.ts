/**
 * A passage in its language's quotation marks, as typography wants them: French « » with narrow
 * no-break spaces inside, English “ ”. Marks the page already put around the whole passage (a
 * quotation selected with its guillemets) are not doubled (`« « … » »`), and a quotation inside
 * the passage takes the inner marks: “ ” inside « » in French, ‘ ’ inside “ ” in English. Pure.
 */

const NNBSP = '\u202F';
/** The closing mark of each opening double mark a page may put around a whole passage. */
const PAIRS: Record<string, string> = { '«': '»', '“': '”', '„': '“', '‹': '›', '"': '"' };

/**
 * The passage without marks around the whole of it, or undefined when it has none: the mark that
 * opens it must be the one that closes it, so `« a » et « b »` (two quotations) stays whole while
 * `« Il a dit « non » deux fois. »` loses its outer pair.
 */
function unwrap(passage: string): string | undefined {
  const text = passage.trim();
  const open = text[0] ?? '';
  const close = PAIRS[open];
  if (!close || text.length < 2 || text.at(-1) !== close) return undefined;
  const inner = text.slice(1, -1);
  if (open === close) return inner.includes(open) ? undefined : inner.trim();
  let depth = 0;
  for (const ch of inner) {
    if (ch === open) depth++;
    else if (ch === close && --depth < 0) return undefined;
  }
  return depth === 0 ? inner.trim() : undefined;
}

/** The language's opening and closing marks, with French's narrow no-break spaces inside. */
export const quoteMarks = (french: boolean): [string, string] => (french ? [`«${NNBSP}`, `${NNBSP}»`] : ['“', '”']);

/**
 * The passage as it goes between the marks: trimmed, without marks around the whole of it, and
 * with the quotations inside it in the inner marks.
 */
export function markedPassage(passage: string, french: boolean): string {
  const body = unwrap(passage) ?? passage.trim();
  return french
    ? body.replace(/«[\s\u00A0\u202F]*([^«»]*?)[\s\u00A0\u202F]*»/gu, '“$1”')
    : body.replace(/[“"]([^“”"\n]*)[”"]/gu, '‘$1’');
}

/** The passage between its language's marks (see {@link markedPassage}); '' for an empty one. */
export function quotePassage(passage: string, french: boolean): string {
  const body = markedPassage(passage, french);
  if (!body) return '';
  const [open, close] = quoteMarks(french);
  return `${open}${body}${close}`;
}
