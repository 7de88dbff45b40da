/**
 * Line breaking for a quote card (issue #17): the text cut into unbreakable units, then set in
 * lines no wider than the box, balanced so that no line is left with a lone word. Pure: widths
 * come from the caller's `measure`, the real canvas's `measureText` in the extension, a fixed
 * table in tests.
 *
 * Typography kept: a no-break space (U+00A0) or narrow one (U+202F, French before `; : ! ?` and
 * inside « ») never breaks; a closing mark or punctuation never starts a line, even after an
 * ordinary space (`word ?`, `» ,`); an opening mark never ends one (`« word`, `“ word`).
 */

/** The width of `text` set in `font` (a CSS font shorthand), in pixels. */
export type Measure = (text: string, font: string) => number;

/** Starts a unit that must stay on the line before: closing marks and punctuation. */
const CLOSING = /^[»”’)\]}:;!?,.…%]/u;
/** Ends a unit that must stay on the line after: opening marks. */
const OPENING = /[«“‘([{]$/u;
/** Where a line may break: ordinary spaces only (no-break ones are part of their unit). */
const BREAKS = /[ \t\r\n\f\v\u2000-\u200B\u205F\u3000]+/u;

/**
 * The text's unbreakable units: words, each with the punctuation glued to it (by a no-break space
 * in the text, or by the rules above), joined back with one ordinary space where they break.
 */
export function units(text: string): string[] {
  const out: string[] = [];
  let glueNext = false;
  for (const word of text.split(BREAKS)) {
    if (!word) continue;
    if (out.length && (glueNext || CLOSING.test(word))) out[out.length - 1] += ` ${word}`;
    else out.push(word);
    glueNext = OPENING.test(word);
  }
  return out;
}

/** Lines as lists of unit indexes' ends: line i holds units [ends[i-1], ends[i]). */
type Breaks = number[];

/** Units set at one size: each one's width, and a space's. */
interface Sized {
  words: string[];
  widths: number[];
  space: number;
}

function sized(words: string[], font: string, measure: Measure, maxWidth: number): Sized {
  // A unit wider than the whole line (an address, a very long word) is cut where it must be.
  const split: string[] = [];
  for (const w of words) {
    if (measure(w, font) <= maxWidth) split.push(w);
    else split.push(...cutToWidth(w, font, measure, maxWidth));
  }
  return { words: split, widths: split.map((w) => measure(w, font)), space: measure(' ', font) };
}

/** A unit too wide for any line, cut into pieces that each fit (by characters). */
function cutToWidth(word: string, font: string, measure: Measure, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const c of Array.from(word)) {
    if (piece && measure(piece + c, font) > maxWidth) {
      pieces.push(piece);
      piece = c;
    } else piece += c;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The width of units [from, to) set on one line. */
function span(s: Sized, prefix: number[], from: number, to: number): number {
  return prefix[to]! - prefix[from]! + s.space * (to - from - 1);
}

function prefixOf(widths: number[]): number[] {
  const p = [0];
  for (const w of widths) p.push(p[p.length - 1]! + w);
  return p;
}

/** First fit: as many units on each line as it holds. The fewest lines possible. */
function greedy(s: Sized, maxWidth: number): Breaks {
  const prefix = prefixOf(s.widths);
  const ends: Breaks = [];
  let from = 0;
  for (let i = 1; i <= s.words.length; i++) {
    if (i - from > 1 && span(s, prefix, from, i) > maxWidth) {
      ends.push(i - 1);
      from = i - 1;
    }
  }
  if (s.words.length) ends.push(s.words.length);
  return ends;
}

/**
 * The same number of lines as first fit, with the breaks that leave the right edge most even
 * (least squared slack, the last line included when there are few lines so that a short quote
 * sits as a balanced block); a last line under a third of the box, or of one unit, costs extra.
 */
function balanced(s: Sized, maxWidth: number, lineCount: number): Breaks {
  const n = s.words.length;
  if (lineCount <= 1 || n <= lineCount) return greedy(s, maxWidth);
  const prefix = prefixOf(s.widths);
  const evenLast = lineCount <= 4;
  const target = evenLast ? span(s, prefix, 0, n) / lineCount : maxWidth;
  const INF = Number.POSITIVE_INFINITY;
  // cost[l][j]: the best way to set the first j units on l lines; from[l][j]: where its last line starts.
  const cost: number[][] = Array.from({ length: lineCount + 1 }, () => new Array<number>(n + 1).fill(INF));
  const from: number[][] = Array.from({ length: lineCount + 1 }, () => new Array<number>(n + 1).fill(0));
  cost[0]![0] = 0;
  for (let l = 1; l <= lineCount; l++) {
    for (let j = l; j <= n - (lineCount - l); j++) {
      const last = l === lineCount;
      if (last && j !== n) continue;
      for (let i = j - 1; i >= l - 1; i--) {
        const width = span(s, prefix, i, j);
        if (width > maxWidth) break;
        const before = cost[l - 1]![i]!;
        if (before === INF) continue;
        let c: number;
        if (last && !evenLast) c = width < maxWidth / 3 ? (maxWidth / 3 - width) ** 2 * 4 : 0;
        else c = (target - width) ** 2;
        if (last && j - i === 1) c += (maxWidth / 2) ** 2;
        if (before + c < cost[l]![j]!) {
          cost[l]![j] = before + c;
          from[l]![j] = i;
        }
      }
    }
  }
  if (cost[lineCount]![n] === INF) return greedy(s, maxWidth);
  const ends: Breaks = [];
  for (let l = lineCount, j = n; l > 0; l--) {
    ends.unshift(j);
    j = from[l]![j]!;
  }
  return ends;
}

/** One paragraph's lines. */
function linesOf(s: Sized, ends: Breaks): string[] {
  const lines: string[] = [];
  let from = 0;
  for (const end of ends) {
    lines.push(s.words.slice(from, end).join(' '));
    from = end;
  }
  return lines;
}

/** How many lines the paragraphs take at this font and width (first fit). */
export function countLines(paragraphs: readonly string[][], font: string, measure: Measure, maxWidth: number): number {
  let count = 0;
  for (const words of paragraphs) count += greedy(sized(words, font, measure, maxWidth), maxWidth).length;
  return count;
}

/**
 * The paragraphs set in lines no wider than `maxWidth`, as few as first fit gives, balanced.
 * Each line is measured again as a whole (kerning across spaces can make it differ from the sum
 * of its parts): should one exceed the width, the paragraph is set again a little narrower.
 */
export function breakLines(paragraphs: readonly string[][], font: string, measure: Measure, maxWidth: number): string[] {
  const out: string[] = [];
  for (const words of paragraphs) {
    let width = maxWidth;
    let lines: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const s = sized(words, font, measure, width);
      lines = linesOf(s, balanced(s, width, greedy(s, width).length));
      if (lines.every((line) => measure(line, font) <= maxWidth)) break;
      width *= 0.985;
    }
    out.push(...lines);
  }
  return out;
}

/**
 * `text` on one line no wider than `maxWidth`: as it is, or cut at a word (a character when it
 * must) and ended with an ellipsis.
 */
export function ellipsize(text: string, font: string, measure: Measure, maxWidth: number): string {
  if (measure(text, font) <= maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`, font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:·–—-]+$/u, '')}…`;
}

/**
 * Up to `maxLines` lines of `text` no wider than `maxWidth`, first fit; what does not fit ends
 * the last line with an ellipsis.
 */
export function clampLines(text: string, font: string, measure: Measure, maxWidth: number, maxLines: number): string[] {
  const s = sized(units(text), font, measure, maxWidth);
  const lines = linesOf(s, greedy(s, maxWidth));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(`${kept[maxLines - 1]} ${lines[maxLines]}`, font, measure, maxWidth);
  return kept;
}
