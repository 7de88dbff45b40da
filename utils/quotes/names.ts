/**
 * Person and organisation names in running French and English text (issue #16), for the speaker
 * detector (speaker.ts): the pattern of a name, what is not one (capitalised function words,
 * titles, pronouns), and the names a stretch of text mentions.
 */

/** A capitalised word or an initial: "Camus", "J.", "Saint-Exupéry", "CNIL", "O’Neil". */
const WORD = String.raw`\p{Lu}(?:\.|[\p{Ll}\p{Lu}\p{M}'’-]*)`;
/** Lower-case particles inside names: "Simone de Beauvoir", "Ludwig van Beethoven", "Giscard d'Estaing". */
const PARTICLE = String.raw`(?:de|du|des|van|von|der|den|da|di|del|della|dos|la|le|bin|ibn|al|el|ten|ter)`;
/** One to five capitalised words, with particles between them. */
export const NAME = String.raw`${WORD}(?:(?:[ \t]+${PARTICLE})*(?:[ \t]+|[ \t]+d['’])${WORD}){0,4}`;
/** A name, or an organisation with its article ("la CNIL", "the WHO", "l'OMS"). */
export const ORG_NAME = String.raw`(?:(?:la|le|les|the)[ \t]+|l['’])?${NAME}`;

/** Capitalised words that start sentences or clauses and are no name. */
const STOP = new Set(
  (
    'il elle ils elles on nous vous je j c qu aujourd tu le la les l un une des ce cet cette ces et mais ou donc or ni car puis alors ainsi ' +
    'comme selon pour quand lorsque si en dans sur avec sans chez par de du au aux à après avant depuis pendant hier ' +
    "aujourd'hui demain enfin bref oui non c'est voici voilà pourtant cependant toutefois même tout tous toute toutes " +
    'chaque notre votre leur mon ma son sa ses mes nos vos leurs qui que quoi dont où lors sous devant derrière ' +
    'here the a an this that these those he she it they we you i his her their our my your and but or so then when while ' +
    'if as according in on at from to for by with without after before since yesterday today tomorrow yes no also still ' +
    'however indeed there what who why how where which quote citation extrait note update mise jour edit source photo ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday ' +
    'janvier février mars avril juin juillet août septembre octobre novembre décembre january february march april ' +
    'june july august september october november december ' +
    'président présidente ministre directeur directrice docteur professeur monsieur madame'
  ).split(' '),
);
/** Titles written as acronyms: never a name. */
const TITLES = new Set(['ceo', 'pdg', 'dg', 'cto', 'cfo', 'coo']);
/** Words no name contains anywhere: pronouns and conjunctions. */
const HARD_STOP = new Set('il elle ils elles je tu nous vous et mais puis alors he she it they we you i and but then so or ou'.split(' '));
/** Courtesy titles dropped from a name ("M. Dupont" is "Dupont"). */
const HONORIFIC = /^(?:M\.|MM\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?)\s+/u;
const ARTICLE = /^(?:(?:la|le|les|the|La|Le|Les|The)\s+|[lL]['’])/u;

/**
 * The name as a speaker is stored ("la CNIL" is "CNIL", "M. Dupont" is "Dupont"), or undefined
 * when the words are no name: a pronoun, a title, a capitalised function word.
 */
export function cleanName(raw: string): string | undefined {
  let name = raw.replace(/\s+/gu, ' ').trim().replace(/[,;:]+$/u, '');
  if (!/(?:^|\s)\p{Lu}\.$/u.test(name)) name = name.replace(/\.+$/u, '');
  name = name.replace(/['’]s$/u, '');
  name = name.replace(ARTICLE, '').replace(HONORIFIC, '');
  const words = name.split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > 6) return undefined;
  if (!/^\p{Lu}/u.test(name)) return undefined;
  const key = (w: string) => w.toLowerCase().replace(/['’].*$/u, '').replace(/\.$/u, '');
  // An acronym is a name ("the WHO", "la CNIL"), a capitalised word may be a function word.
  const stop = (w: string) => TITLES.has(key(w)) || (STOP.has(key(w)) && !/^\p{Lu}{2,}$/u.test(w));
  // Words caught after the name ("Seneca I keep…") are dropped; "Le" inside "Ursula K. Le Guin" is not.
  while (words.length > 1 && stop(words.at(-1)!)) words.pop();
  if (stop(words[0]!) || words.some((w) => HARD_STOP.has(key(w)))) return undefined;
  name = words.join(' ');
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w));
  // A lone initial or abbreviation ("J.") is not a name.
  if (capitalised.every((w) => /^\p{Lu}\.?$/u.test(w))) return undefined;
  return name.length > 100 ? undefined : name;
}

/** Whether two mentions are the same person: the same name, or one is the other's surname ("Jobs", "Steve Jobs"). */
export function sameName(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const last = (s: string) => s.split(' ').at(-1) ?? s;
  return (x.includes(' ') !== y.includes(' ') && last(x) === last(y)) || (x.includes(' ') && y.includes(' ') && (x.endsWith(` ${y}`) || y.endsWith(` ${x}`)));
}

/** Words before a capitalised word that make it a place, a work or a thing, not someone acting. */
const NOT_AN_ACTOR = /(?:^|\s)(?:à|au|aux|en|dans|de|du|des|d['’]|le|la|les|l['’]|un|une|sur|chez|vers|in|at|from|of|the|to|on|into|near|a|an|for|about|avec|with|contre|against|pour|sous|under)\s*$/iu;
/** Where a sentence ends: not after an initial or a courtesy title ("J. K. Rowling", "M. Dupont"). */
const SENTENCE_END = /(?<!\b(?:\p{Lu}|M|Mr|Mrs|Ms|Dr|St|Jr))[.!?…]["”»]?\s+|\n/gu;

/**
 * The people (or organisations) a passage names as actors, in order, one entry per person (the
 * longest form seen): what a pronoun or a title ("il", "the CEO") can refer to. A capitalised
 * word alone at the start of a sentence is left out (it is more often an ordinary word).
 */
export function actorsIn(text: string): string[] {
  const starts = new Set<number>([0]);
  for (const m of text.matchAll(SENTENCE_END)) starts.add(m.index + m[0].length);
  const found: string[] = [];
  for (const m of text.matchAll(new RegExp(NAME, 'gu'))) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (NOT_AN_ACTOR.test(before)) continue;
    // Inside a quotation: words quoted, not someone in the story.
    const opened = (text.slice(0, m.index).match(/[«“]/gu) ?? []).length - (text.slice(0, m.index).match(/[»”]/gu) ?? []).length;
    if (opened > 0) continue;
    const name = cleanName(m[0]);
    if (!name) continue;
    const atStart = starts.has(m.index) || /(?:^|[.!?…:]\s*|\n\s*)$/u.test(text.slice(0, m.index));
    if (atStart && !name.includes(' ')) continue;
    const same = found.findIndex((f) => sameName(f, name));
    if (same < 0) found.push(name);
    else if (name.length > found[same]!.length) found[same] = name;
  }
  return found;
}
