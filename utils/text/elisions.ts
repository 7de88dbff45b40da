/**
 * French elisions: a word that, before an apostrophe, is only ever an elided article, pronoun or
 * conjunction standing before another word (`l’idée`, `qu’il`, `jusqu’à`, `lorsqu’on`). Search
 * and tag suggestions split them off; stopwords include them. Lowercase, ASCII.
 *
 * `presqu’` and `quelqu’` are not here: presque elides only in presqu’île and quelque only in
 * quelqu’un(e), single words (a peninsula, someone), kept whole. Read as elisions, a search for
 * « presqu’île » was a search for every « île », and « île » a tag for an article on a peninsula.
 */
export const FRENCH_ELISIONS: ReadonlySet<string> = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

/** Length of the longest elision, for callers that check the length first. */
export const MAX_ELISION_LENGTH = Math.max(...[...FRENCH_ELISIONS].map((e) => e.length));

/**
 * English contractions as they end a word (`reader's`, `they're`, `don't`): what is left is the
 * word itself. ASCII apostrophe (the table's canonical one).
 */
export const ENGLISH_CONTRACTIONS: readonly string[] = ["'s", "'re", "'ve", "'ll", "'d", "'m", "n't"];
