/**
 * What changed between a quote as it was saved and the words its source has now, word by word
 * (issue #17, "check quotes before publishing"): the words kept, those the page no longer has, and
 * those it has instead. Pure, and small enough not to need a library: a longest common
 * subsequence of words, after the common beginning and end are set aside (a reworded quote
 * usually differs in a word or two, so what is left is tiny).
 *
 * Words are compared as a reader does: typography folded (’ and ', « » and ", narrow and ordinary
 * spaces, dashes: utils/anchoring/normalize.ts), case and accents kept, because a changed capital
 * or accent is a change in the words quoted.
 */
import { normalize } from '../anchoring/normalize';

/** A run of words: kept in both, only in the saved quote (`del`), or only on the page now (`ins`). */
export interface DiffPart {
  op: 'same' | 'del' | 'ins';
  /** The words, separated by single spaces, as the side they come from writes them. */
  text: string;
}

/**
 * Above this many cells (words left × words right) the middle is not aligned word by word: it is
 * shown as removed, then added. 250,000 cells is a few ms, and two 500-word rewrites.
 */
const MAX_CELLS = 250_000;

const words = (s: string): string[] => s.split(/\s+/u).filter(Boolean);

/** The parts that turn `before` into `after`, in reading order; consecutive words of one kind form one part. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  const ka = a.map(normalize);
  const kb = b.map(normalize);
  let head = 0;
  while (head < a.length && head < b.length && ka[head] === kb[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && ka[a.length - 1 - tail] === kb[b.length - 1 - tail]) tail++;

  const ops: Array<[DiffPart['op'], string]> = a.slice(0, head).map((w) => ['same', w]);
  const ma = a.length - head - tail;
  const mb = b.length - head - tail;
  if (ma * mb > MAX_CELLS) {
    for (let i = 0; i < ma; i++) ops.push(['del', a[head + i]!]);
    for (let j = 0; j < mb; j++) ops.push(['ins', b[head + j]!]);
  } else {
    ops.push(...middle(a, b, ka, kb, head, ma, mb));
  }
  for (let i = a.length - tail; i < a.length; i++) ops.push(['same', a[i]!]);
  return join(ops);
}

/** The longest common subsequence of the middles, as word operations (removals before additions at each change). */
function middle(a: string[], b: string[], ka: string[], kb: string[], at: number, ma: number, mb: number): Array<[DiffPart['op'], string]> {
  // lcs[i][j]: longest common subsequence of a[at+i…] and b[at+j…], in one flat array.
  const w = mb + 1;
  const lcs = new Uint32Array((ma + 1) * w);
  for (let i = ma - 1; i >= 0; i--) {
    for (let j = mb - 1; j >= 0; j--) {
      lcs[i * w + j] = ka[at + i] === kb[at + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const out: Array<[DiffPart['op'], string]> = [];
  let i = 0;
  let j = 0;
  while (i < ma || j < mb) {
    if (i < ma && j < mb && ka[at + i] === kb[at + j]) {
      out.push(['same', a[at + i]!]);
      i++;
      j++;
    } else if (j >= mb || (i < ma && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      out.push(['del', a[at + i]!]);
      i++;
    } else {
      out.push(['ins', b[at + j]!]);
      j++;
    }
  }
  return out;
}

/** Word operations as parts: consecutive words of one kind joined; within a change, what went before what came. */
function join(ops: Array<[DiffPart['op'], string]>): DiffPart[] {
  const parts: DiffPart[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]![0] === 'same') {
      const run: string[] = [];
      while (k < ops.length && ops[k]![0] === 'same') run.push(ops[k++]![1]);
      parts.push({ op: 'same', text: run.join(' ') });
      continue;
    }
    const del: string[] = [];
    const ins: string[] = [];
    while (k < ops.length && ops[k]![0] !== 'same') (ops[k]![0] === 'del' ? del : ins).push(ops[k++]![1]);
    if (del.length) parts.push({ op: 'del', text: del.join(' ') });
    if (ins.length) parts.push({ op: 'ins', text: ins.join(' ') });
  }
  return parts;
}
