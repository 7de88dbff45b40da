/**
 * The same quote in several sources, and every quote of one person (issue #16): marketing quotes
 * circulate from page to page, often misattributed ("attributed to Einstein here, to Twain
 * there"). Pure: the side panel's Speakers and Same quote views group the library with these.
 *
 * Two quotes are the same when their words are: case, accents, punctuation, quote marks,
 * apostrophes, dashes and whitespace do not count (`quoteKey`). Accents are ignored with case
 * because capitals often drop them in French (« ÊTRE » is written « ETRE »), and a copy typed on
 * an English keyboard loses them; two French quotes that differ only by an accent are the same
 * words anyway. Whitespace is dropped, not collapsed, so "truth—and" and "truth and" agree.
 *
 * Two speakers are the same person when one name's words are all in the other's, an initial
 * standing for a word ("Einstein", "A. Einstein", "Albert Einstein"); titles (Dr, M., Mme…) do not
 * count. A short name that fits two different longer ones ("Einstein": "Albert Einstein" and
 * "Elsa Einstein") joins neither.
 */
import { fold } from '../text/fold';

/** The fields of a note these groupings read. */
export interface QuoteLike {
  id: string;
  url: string;
  kind: string;
  exact: string;
  speaker?: string;
}

/**
 * Quotes shorter than this many words are not grouped across sources: "Yes, indeed." on two pages
 * is not the same quote in any sense a reader cares about.
 */
export const MIN_WORDS = 3;

const WORD = /[\p{L}\p{N}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * The comparison key of a quote's text: its words folded (case, accents) and run together, or
 * undefined for a text of fewer than MIN_WORDS words.
 */
export function quoteKey(text: string): string | undefined {
  const folded = fold(text);
  // Folded English is mostly ASCII, where plain character classes are several times faster.
  const ascii = !NOT_ASCII.test(folded);
  const word = ascii ? ASCII_WORD : WORD;
  word.lastIndex = 0;
  for (let n = 0; n < MIN_WORDS; n++) if (!word.exec(folded)) return undefined;
  return folded.replace(ascii ? ASCII_NOT_WORD : NOT_WORD, '');
}

const NOT_ASCII = /[^\x00-\x7f]/;
const ASCII_WORD = /[a-z0-9]+/g;
const ASCII_NOT_WORD = /[^a-z0-9]+/g;

/**
 * `quoteKey` remembered by note object: the library replaces a note's object when it changes, so
 * a key computed once stays right, and regrouping 50,000 notes after one change folds one text.
 */
export function quoteKeys(): (note: QuoteLike) => string | undefined {
  const known = new WeakMap<QuoteLike, string | null>();
  return (note) => {
    let key = known.get(note);
    if (key === undefined) known.set(note, (key = quoteKey(note.exact) ?? null));
    return key ?? undefined;
  };
}

/** Titles before a name, folded; they say nothing about who it is. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'm', 'mme', 'mlle', 'mmes', 'pr', 'prof', 'me', 'sir', 'dame']);

/** A speaker's name as words: folded, without titles. "M. Emmanuel Macron" → emmanuel, macron. */
export function nameWords(name: string): string[] {
  const words = fold(name).match(WORD) ?? [];
  const kept = words.filter((w) => !TITLES.has(w));
  // A name made only of a title ("Madame", "M.") keeps it: better than no name at all.
  return kept.length ? kept : words;
}

const wordFits = (a: string, b: string) => a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/** Every word of `short` is one of `long`'s (or its initial), and one at least in full. */
function fitsIn(short: readonly string[], long: readonly string[]): boolean {
  let full = false;
  for (const w of short) {
    const at = long.find((x) => wordFits(w, x));
    if (at === undefined) return false;
    if (w === at && w.length > 1) full = true;
  }
  return full;
}

/** Whether two speakers' names name the same person ("Einstein" and "Albert Einstein" do). */
export function samePerson(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (!x.length || !y.length) return false;
  return x.length <= y.length ? fitsIn(x, y) : fitsIn(y, x);
}

/** People among speakers' names: each with its fullest name and every spelling met. */
export interface Person {
  /** The fullest name, as most often written. */
  name: string;
  /** Every distinct spelling that names this person. */
  names: string[];
}

/**
 * The people a set of speakers' names stand for: names that name the same person joined, a name
 * that fits two people left on its own. Returns a function from a name to its person.
 */
export function peopleOf(names: Iterable<string>): (name: string) => Person | undefined {
  // How often each spelling is met (many notes, a few thousand names at most).
  const met = new Map<string, number>();
  for (const name of names) met.set(name, (met.get(name) ?? 0) + 1);
  // Spellings by their folded words: "Albert Einstein" and "albert  EINSTEIN" are one name.
  const spellings = new Map<string, { words: string[]; size: number; count: Map<string, number> }>();
  const keyOf = new Map<string, string>();
  for (const [name, n] of met) {
    const words = nameWords(name);
    if (!words.length) continue;
    const key = words.join(' ');
    keyOf.set(name, key);
    let s = spellings.get(key);
    if (!s) spellings.set(key, (s = { words, size: key.length, count: new Map() }));
    s.count.set(name, n);
  }
  // Fullest names first: each later name joins the one person it fits, found through a word in
  // full they share (a few candidates, not every person: thousands of speakers stay fast).
  const ordered = [...spellings.entries()].sort(([, a], [, b]) => b.words.length - a.words.length || b.size - a.size);
  const people: Array<{ words: string[]; person: Person }> = [];
  const byWord = new Map<string, number[]>();
  const personOfKey = new Map<string, Person>();
  for (const [key, { words, count }] of ordered) {
    // A person this name fits has each of its words in full: the rarest one's list is enough.
    let candidates: readonly number[] | undefined;
    for (const w of words) {
      if (w.length < 2) continue;
      const list = byWord.get(w) ?? [];
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    const fits = (candidates ?? []).filter((i) => fitsIn(words, people[i]!.words));
    const spelled = [...count.keys()];
    let person: Person;
    if (fits.length === 1) {
      person = people[fits[0]!]!.person;
      person.names.push(...spelled);
    } else {
      person = { name: mostCommon(count), names: spelled };
      const i = people.push({ words, person }) - 1;
      for (const w of words) if (w.length > 1) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(i);
    }
    personOfKey.set(key, person);
  }
  return (name) => {
    const key = keyOf.get(name) ?? nameWords(name).join(' ');
    return personOfKey.get(key);
  };
}

function mostCommon(count: ReadonlyMap<string, number>): string {
  let best = '';
  let n = 0;
  for (const [name, c] of count) if (c > n) [best, n] = [name, c];
  return best;
}

/** Every quote of one person, from every source. */
export interface SpeakerGroup<N> {
  person: Person;
  /** Its notes, in the order given. */
  notes: N[];
  /** How many pages they come from. */
  sources: number;
}

/**
 * Notes with a speaker grouped by person (`peopleOf`): most quoted first, then by name. Notes keep
 * the order given (the side panel gives them newest first); notes without a speaker are left out.
 */
export function groupBySpeaker<N extends QuoteLike>(notes: Iterable<N>, locale?: string): SpeakerGroup<N>[] {
  const spoken: N[] = [];
  for (const n of notes) if (n.speaker) spoken.push(n);
  const personOf = peopleOf(spoken.map((n) => n.speaker!));
  const groups = new Map<Person, { notes: N[]; urls: Set<string> }>();
  for (const n of spoken) {
    const person = personOf(n.speaker!);
    if (!person) continue;
    let g = groups.get(person);
    if (!g) groups.set(person, (g = { notes: [], urls: new Set() }));
    g.notes.push(n);
    g.urls.add(n.url);
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...groups]
    .map(([person, g]) => ({ person, notes: g.notes, sources: g.urls.size }))
    .sort((a, b) => b.notes.length - a.notes.length || collator.compare(a.person.name, b.person.name));
}

/** One quote found in several sources. */
export interface SameQuoteGroup<N> {
  key: string;
  /** Its notes, in the order given. */
  notes: N[];
  /** How many pages it was saved on (two at least). */
  sources: number;
  /** The people it is attributed to, most attributed first; empty when no note has a speaker. */
  people: Person[];
  /** Attributed to two people or more: flagged, a quote that circulates misattributed. */
  differing: boolean;
}

/**
 * Quotes (`kind: 'quote'`) whose text is the same (`quoteKey`) saved on two pages or more, with
 * the people they are attributed to: quotes attributed to different people first, then the most
 * widespread, then in the order given. A note without a speaker is no disagreement.
 */
export function sameQuoteGroups<N extends QuoteLike>(notes: Iterable<N>, keyOf: (note: N) => string | undefined = (n) => quoteKey(n.exact)): SameQuoteGroup<N>[] {
  // Most quotes are saved once: remember the first note of a key, and make a list only for a
  // second (no array per quote to collect on every regrouping).
  const firstOf = new Map<string, N>();
  const byKey = new Map<string, N[]>();
  for (const n of notes) {
    if (n.kind !== 'quote') continue;
    const key = keyOf(n);
    if (key === undefined) continue;
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, n);
    else {
      const list = byKey.get(key);
      if (list) list.push(n);
      else byKey.set(key, [first, n]);
    }
  }
  const out: Array<SameQuoteGroup<N> & { at: number }> = [];
  let at = 0;
  for (const [key, list] of byKey) {
    at++;
    const urls = new Set<string>();
    for (const n of list) urls.add(n.url);
    if (urls.size < 2) continue;
    const people = attributions(list);
    out.push({ key, notes: list, sources: urls.size, people, differing: people.length > 1, at });
  }
  out.sort((a, b) => Number(b.differing) - Number(a.differing) || b.sources - a.sources || a.at - b.at);
  return out.map(({ at: _, ...g }) => g);
}

/** The people a group's notes are attributed to, most attributed first. */
function attributions(notes: readonly QuoteLike[]): Person[] {
  const names = notes.flatMap((n) => (n.speaker ? [n.speaker] : []));
  if (!names.length) return [];
  // Most often one spelling, or none: no names to compare.
  if (names.every((x) => x === names[0])) return [{ name: names[0]!, names: [names[0]!] }];
  const personOf = peopleOf(names);
  const count = new Map<Person, number>();
  for (const name of names) {
    const p = personOf(name);
    if (p) count.set(p, (count.get(p) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1]).map(([p]) => p);
}

/** Which person of `people` a note's speaker is (for listing each source with its attribution). */
export function personIn(people: readonly Person[], speaker: string | undefined): Person | undefined {
  return speaker === undefined ? undefined : people.find((p) => p.names.includes(speaker)) ?? people.find((p) => samePerson(p.name, speaker));
}
