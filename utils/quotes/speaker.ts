/**
 * Who said the words a user quotes (issue #16), proposed from the text around the passage, in
 * French and English: `X : « … »`, `Comme le disait X, « … »`, `« … », affirme X`, `"…," X said`,
 * `As X put it, "…"`, a blockquote's footer or caption, an embedded post's "— Name (@handle)".
 * A wrong speaker is worse than none: every rule needs an explicit cue next to the quotation, a
 * pronoun or a title ("il", "the CEO") is resolved only when one person is named before it, and
 * two cues that disagree give nothing.
 */
import { NAME, ORG_NAME, actorsIn, cleanName, sameName } from './names';

/** What the detector reads around a passage (speaker-context.ts builds it from the page). */
export interface SpeakerContext {
  /** The passage as selected. */
  quote: string;
  /** The text before it: its block and a few blocks back, blocks separated by "\n". */
  before: string;
  /** The text after it: the rest of its block and the start of the next ones. */
  after: string;
  /** The attribution the markup gives: a blockquote's footer or `<cite>`, its figure's caption. */
  cite?: string;
  /** A `cite` address (`<q cite>`, `<blockquote cite>`). */
  citeUrl?: string;
  /** The page's author: the speaker only when the text says the author speaks ("as I wrote"). */
  pageAuthor?: string;
}

/** Longest speaker proposed. */
export const MAX_SPEAKER = 100;

const OPEN = '«“„‹"';
const CLOSE = '»”›"';
const MARK_OPEN = /[«“„‹"]/u;
const MARK_CLOSE = /[»”›"]/u;

// ---- Verbs of saying, French and English ------------------------------------------------------

const FR_PP =
  'dit|déclaré|affirmé|expliqué|écrit|ajouté|résumé|souligné|estimé|lancé|confié|rappelé|raconté|noté|assuré|martelé|insisté|' +
  'répondu|conclu|observé|précisé|prévenu|tranché|ironisé|avoué|reconnu|chanté|plaisanté|tweeté|lâché|commenté|déploré|' +
  'poursuivi|demandé|rétorqué|formulé|soufflé|glissé|répété|averti|témoigné|confessé|publié|posté|proclamé|résumé';
const FR_PRES =
  'dit|disait|dira|déclare|déclarait|déclara|affirme|affirmait|affirma|explique|expliquait|expliqua|écrit|écrivait|écrivit|' +
  'ajoute|ajoutait|ajouta|résume|résumait|résuma|souligne|soulignait|estime|estimait|lance|lançait|lança|confie|confiait|' +
  'rappelle|rappelait|raconte|racontait|note|notait|assure|assurait|martèle|martelait|insiste|insistait|répond|répondait|' +
  'répondit|conclut|concluait|observe|observait|précise|précisait|prévient|prévenait|tranche|tranchait|ironise|ironisait|' +
  'avoue|avouait|reconnaît|reconnaissait|chante|chantait|chanta|plaisante|plaisantait|lâche|lâchait|commente|commentait|' +
  "déplore|déplorait|rétorque|rétorquait|poursuit|poursuivait|demande|demandait|souffle|soufflait|glisse|glissait|répète|répétait|témoigne|" +
  "s['’]exclame|s['’]exclamait|s['’]exclama|proclame|proclamait|tweete|aime à dire|aimait à dire|aimait à répéter|aime à répéter|aimait dire";
const FR_ADV = '(?:ainsi|notamment|alors|encore|aussi|même|souvent|un jour|hier|simplement|plus tard|récemment|déjà|bien)';
/** A French verb of saying in the third person: "a déclaré", "affirmait", "s'est exclamée". */
const FR_SAY = `(?:(?:l['’])?(?:a|avait|aurait|ont|avaient|a souvent|a un jour)(?:\\s+${FR_ADV})?\\s+(?:${FR_PP})|s['’]est exclamée?|${FR_PRES})`;
const EN_SAY =
  '(?:(?:has|had|have|would|once|famously|later|then|reportedly|also|memorably|recently|simply|bluntly|proudly|often|once famously)\\s+)*' +
  '(?:said|says|say|wrote|writes|told\\s+\\S+|tells\\s+\\S+|explained|explains|added|adds|noted|notes|argued|argues|recalled|' +
  'recalls|remarked|remarks|tweeted|tweets|posted|posts|declared|declares|insisted|insists|observed|observes|asked|asks|' +
  'replied|replies|answered|answers|continued|continues|concluded|concludes|stated|states|claimed|claims|warned|warns|' +
  'admitted|admits|quipped|quips|joked|jokes|sang|sings|put it|puts it|written|responded|responds|acknowledged|confessed|' +
  'emphasi[sz]ed|stressed|stresses|pointed out|points out|summed (?:it )?up|sums (?:it )?up|liked to say|used to say|wrote in|said in)';
const SAY = `(?:${FR_SAY}|${EN_SAY})`;
/** Titles that stand for a person ("le PDG", "the CEO"): resolved only when one person was named. */
const TITLE =
  '(?:(?:PDG|CEO|DG|CTO|CFO|président|présidente|ministre|directeur|directrice|fondateur|fondatrice|patron|patronne|' +
  'philosophe|chanteur|chanteuse|auteur|autrice|écrivain|écrivaine|poète|journaliste|sociologue|économiste|porte-parole|' +
  'dirigeant|dirigeante|entraîneur|coach|chercheur|chercheuse|professeur|professeure|scientifique|romancier|romancière|' +
  'maire|sénateur|sénatrice|député|députée|cofondateur|cofondatrice|' +
  'chief executive|president|minister|founder|co-founder|author|singer|philosopher|spokesperson|spokesman|spokeswoman|' +
  'director|professor|coach|writer|poet|scientist|researcher|economist|senator|mayor|chairman|chairwoman|novelist|boss|' +
  'executive|manager)(?:\\s+[\\p{Ll}\\p{Lu}\'’-]+){0,3}?)';
const PRONOUN_3 = '(?:il|elle|Il|Elle|he|she|He|She)';
const PRONOUN_1 = "(?:je|Je|j['’]|J['’]|I)";

type Cue = { name: string; weak?: boolean } | { refer: 'pronoun' | 'author' } | null;

/** `\\b` is ASCII-only in JavaScript: after "déclaré" it never matches. */
const B = '(?![\\p{L}\\p{M}])';
const rx = (source: string) => new RegExp(source.replaceAll('\\b', B), 'u');
/**
 * A table of patterns, built on its first use: parsing these few dozen large Unicode expressions
 * takes about 30 ms, which the page script (that imports this for quotes made in the page) must
 * not pay on every page with notes it is loaded into.
 */
const lazily = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};
type Rule = [RegExp, (m: RegExpMatchArray) => Cue];

// ---- After the quotation ("», affirme X", "," X said", "— X") ---------------------------------

const AFTER = lazily((): Rule[] => [
  [rx(`^,?\\s*${PRONOUN_1}\\s+(?:${EN_SAY}|ai\\s+(?:${FR_PP}))\\b`), () => ({ refer: 'author' })],
  [rx(`^,?\\s*(?:${FR_PRES})(?:-t)?-(?:il|elle)\\b`), () => ({ refer: 'pronoun' })],
  [rx(`^,?\\s*(?:a|avait)-t-(?:il|elle)\\s+(?:${FR_PP})\\b`), () => ({ refer: 'pronoun' })],
  [rx(`^,?\\s*${PRONOUN_3}\\s+${SAY}\\b`), () => ({ refer: 'pronoun' })],
  [rx(`^,?\\s*(?:${SAY}\\s+)?(?:selon|d['’]après|according to)\\s+(${ORG_NAME})`), (m) => named(m[1])],
  [rx(`^,?\\s*${SAY}\\s+(?:le|la|l['’]|the)\\s*${TITLE},\\s*(${NAME})`), (m) => named(m[1])],
  [rx(`^,?\\s*(?:the|le|la|l['’])\\s*${TITLE},\\s*(${NAME}),\\s*${SAY}`), (m) => named(m[1])],
  [rx(`^,?\\s*${SAY}\\s+(?:le|la|l['’]|the)\\s*${TITLE}\\b`), () => ({ refer: 'pronoun' })],
  [rx(`^,?\\s*(?:the|The|le|la|l['’])\\s*${TITLE}\\s+${SAY}\\b`), () => ({ refer: 'pronoun' })],
  [rx(`^,?\\s*${SAY}\\s+(${ORG_NAME})`), (m) => named(m[1])],
  [rx(`^,?\\s*(${ORG_NAME})(?:,[^,\\n]{1,60},)?\\s+${SAY}\\b`), (m) => named(m[1])],
  // "— Albert Camus, La Peste", "— Jane Doe (@jane) 4 December 2026": the line under a quotation.
  [rx(`^\\s*[—–―-]{1,2}\\s*(${NAME})(?=\\s*(?:$|[\\n,(.]|\\s\\d))`), (m) => named(m[1], true)],
  // "« … » Aristote." the name alone after the closing mark.
  [rx(`^[ \\t]*(${NAME})[ \\t]*(?:[.\\n]|$|,\\s*(?:\\d|in\\s|dans\\s))`), (m) => named(m[1], true)],
]);

// ---- Before the quotation ("X : « … »", "Comme le disait X, « … »", "As X put it, "…"") ------

const TAIL = '(?:\\s*,[^,]{1,80}|\\s+(?:dans|en|à|lors|in|at|on|during|au|aux)\\s[^,]{1,60}|\\s*\\([^)]{1,80}\\))?';
const WORK = `(?:${'quote|citation|phrase|mot|formule|maxime|line|word|adage|aphorisme|vers|parole|réplique|punchline|motto|devise|credo|précepte|dicton|advice|mantra|maxim|saying|lesson|conseil|leçon'
  .split('|')
  .map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
  .join('|')})`;

const BEFORE = lazily((): Rule[] => [
  [rx(`(?:^|\\s)(?:[Cc]omme|[Aa]s)\\s+${PRONOUN_1}\\s*(?:l['’]|le\\s+)?\\S+`), () => ({ refer: 'author' })],
  [rx(`^${PRONOUN_1}\\s*(?:ai|avais)\\s+(?:${FR_PP})\\b.*[:]$`), () => ({ refer: 'author' })],
  [rx(`(?:^|\\s)[Cc]omme\\s+(?:le\\s+|l['’])?(?:${FR_PRES}|${FR_PP})\\s+(?:le|la|l['’])\\s*${TITLE}${TAIL}[,:]$`), () => ({ refer: 'pronoun' })],
  [rx(`(?:^|\\s)(?:[Cc]omme|[Aa]ins[i] que)\\s+(?:le\\s+|l['’])?(?:${FR_PRES}|${FR_PP}|${FR_SAY})\\s+(${ORG_NAME})${TAIL}[,:]$`), (m) => named(m[1])],
  [rx(`(?:^|\\s)[Cc]omme\\s+(${ORG_NAME})\\s+(?:le|l['’])\\s*\\S+(?:\\s+\\S+){0,3}[,:]$`), (m) => named(m[1])],
  [rx(`(?:^|\\s)(?:[Cc]omme|[Aa]s)\\s+${PRONOUN_3}\\s+(?:le|l['’])?\\s*\\S+(?:\\s+\\S+){0,3}[,:]$`), () => ({ refer: 'pronoun' })],
  [rx(`(?:^|\\s)[Aa]s\\s+(?:the\\s+)?${TITLE}\\s+${EN_SAY}\\b.*[,:]$`), () => ({ refer: 'pronoun' })],
  [rx(`(?:^|\\s)[Aa]s\\s+(${ORG_NAME})\\s+${EN_SAY}\\b[^,]{0,60}[,:]$`), (m) => named(m[1])],
  [rx(`(?:^|\\s)(?:[Ss]elon|[Dd]['’]après|[Aa]ccording to|[Ii]n the words of|[Tt]o quote|[Pp]our citer|[Pp]our reprendre (?:les mots|la formule|l['’]expression) d(?:e\\s+|['’])|[Ee]n citant|[Qq]uoting)\\s*(${ORG_NAME})${TAIL}[,:]$`), (m) => named(m[1])],
  [rx(`^[Pp]our\\s+(${ORG_NAME})${TAIL},$`), (m) => named(m[1])],
  [rx(`(?:^|\\s)${WORK}s?\\s+(?:célèbres?\\s+|fameuse\\s+|famous\\s+)?(?:de\\s+|d['’]|du\\s+|by\\s+|from\\s+|of\\s+)(${ORG_NAME})(?:\\s+[^:,]{0,60})?:$`), (m) => named(m[1])],
  [rx(`(?:^|\\s)(${NAME})['’]s\\s+(?:\\S+\\s+){0,2}${WORK}s?(?:\\s+[^:,]{0,40})?[:,]?$`), (m) => named(m[1])],
  [rx(`^(?:the|The|le|Le|la|La|l['’]|L['’])\\s*${TITLE},\\s*(${NAME}),[^:]*\\b${SAY}\\b[^:]*[:,]$`), (m) => named(m[1])],
  [rx(`^(?:the|The|le|Le|la|La|l['’]|L['’])\\s*${TITLE}\\s+(?:\\S+\\s+){0,3}?${SAY}\\b[^:]*[:,]$`), () => ({ refer: 'pronoun' })],
  [rx(`^${PRONOUN_3}\\s+(?:\\S+\\s+){0,3}?${SAY}\\b[^:]*(?::|,|\\sque|\\sthat)$`), () => ({ refer: 'pronoun' })],
  [rx(`^(${ORG_NAME})(?:\\s*,[^,]{1,80},|\\s*\\([^)]{1,80}\\))?\\s+((?:\\S+\\s+){0,4}?)${SAY}\\b([^:]*)(?::|,|\\sque|\\sthat)$`), (m) => (hasName(m[2]) || hasName(m[3]) ? null : named(m[1]))],
  [rx(`^(${ORG_NAME})(?:\\s*\\([^)]{1,80}\\))?\\s*:$`), (m) => named(m[1])],
]);

function named(raw: string | undefined, weak = false): Cue {
  const name = raw && cleanName(raw);
  return name ? { name, weak } : null;
}
const hasName = (s: string | undefined) => !!s && actorsIn(s).length > 0 && new RegExp(NAME, 'u').test(s);

/** Spaces of every kind as one, marks kept. */
const norm = (s: string) => s.replace(/[\u00A0\u202F\u2009\u2007\t]/gu, ' ').replace(/ {2,}/gu, ' ');

/** The text before the quotation's opening mark and after its closing one (or the passage's edges). */
function around(ctx: SpeakerContext): { left: string; right: string; quoted: boolean } {
  let quote = norm(ctx.quote).trim();
  let left = norm(ctx.before);
  let right = norm(ctx.after);
  // Marks selected with the passage belong to the surroundings.
  const lead = /^[«“„‹"]\s*/u.exec(quote)?.[0] ?? '';
  const trail = /\s*[»”›"][.,!?]?$/u.exec(quote)?.[0] ?? '';
  quote = quote.slice(lead.length, quote.length - trail.length);
  left += lead;
  right = trail + right;
  // The passage may be part of a longer quotation: its opening mark is the last one left open.
  const block = left.slice(left.lastIndexOf('\n') + 1);
  const open = openMark(block);
  const close = closeMark(right.split('\n')[0] ?? '');
  if (open >= 0 && close >= 0) {
    return { left: left.slice(0, left.length - block.length + open), right: right.slice(close + 1), quoted: true };
  }
  // A passage ending its block (a blockquote's paragraph) may open without a closing mark after.
  if (open >= 0 && /^\s*(?:\n|$)/u.test(right)) return { left: left.slice(0, left.length - block.length + open), right, quoted: true };
  return { left, right, quoted: false };
}

/** Index of the last opening mark not closed in `text`, or -1. */
function openMark(text: string): number {
  let depth = 0;
  let straight = (text.match(/"/gu) ?? []).length % 2 === 1;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '"') {
      if (straight) return i;
      straight = true;
    } else if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Index of the first closing mark not opened in `text`, or -1. */
function closeMark(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return i;
    if (OPEN.includes(c) && c !== '"') depth++;
    else if (CLOSE.includes(c)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The clause that introduces the quotation: the left text since the last sentence or quotation. */
function introClause(left: string): string {
  const tail = left.replace(/\s+$/u, '');
  if (!/[:,]$|\s(?:que|qu['’]|that)$/u.test(tail)) return '';
  const body = tail.slice(0, -1);
  let start = 0;
  for (const m of body.matchAll(/(?<!\b(?:\p{Lu}|M|Mr|Mrs|Ms|Dr|St))[.!?…;]\s+|[»”"«“\n]|:\s/gu)) start = m.index + m[0].length;
  return tail.slice(start).trim();
}

function cueAfter(right: string, quoted: boolean): Cue {
  const head = right.replace(/^[ \t]+/u, '');
  for (const [re, make] of AFTER()) {
    const m = head.match(re);
    if (!m) continue;
    const cue = make(m);
    // A name alone or under a dash needs the passage to be a quotation.
    if (cue && 'name' in cue && cue.weak && !quoted && !/^\s*[—–―-]/u.test(head)) return null;
    if (cue) return cue;
  }
  return null;
}

/** What may open a clause before its subject: "Et", "Then", "En 2023,". */
const INTRO = /^(?:(?:et|puis|alors|ainsi|mais|and|then|but|so|here|ici)\s+|[^,]{1,40},\s*)/iu;

function cueBefore(left: string): Cue {
  const clause = introClause(left);
  if (!clause) return null;
  const bare = clause.replace(INTRO, '');
  for (const text of bare === clause ? [clause] : [clause, bare]) {
    for (const [re, make] of BEFORE()) {
      const m = text.match(re);
      if (!m) continue;
      const cue = make(m);
      if (cue) return cue;
    }
  }
  return null;
}

/** The one person a pronoun or a title can refer to: named in the last paragraphs, alone. */
function referent(left: string): string | undefined {
  const window = left.slice(-700);
  const clause = introClause(left);
  const text = clause ? window.slice(0, window.length - clause.length - 1) : window;
  // "he", "the CEO": a person, introduced by a full name (a lone capitalised word is more often a
  // company or a place; a surname alone is counted with its full name). The nearest paragraph
  // that names someone is the one that counts.
  const blocks = text.split('\n');
  for (let i = blocks.length - 1; i >= 0; i--) {
    const people = actorsIn(blocks[i]!).filter((a) => a.includes(' '));
    if (people.length) return people.length === 1 ? people[0] : undefined;
  }
  return undefined;
}

function resolve(cue: Cue, left: string, ctx: SpeakerContext): { name: string; weak?: boolean } | null {
  if (!cue) return null;
  if ('name' in cue) return cue;
  if (cue.refer === 'author') return ctx.pageAuthor ? { name: ctx.pageAuthor } : null;
  const name = referent(left);
  return name ? { name } : null;
}

/** The name a `cite` address gives, when it is an encyclopaedia's page about someone. */
function nameFromUrl(url: string | undefined): string | undefined {
  const m = url && /^https?:\/\/[a-z-]+\.(?:m\.)?wiki(?:pedia|quote)\.org\/wiki\/([^?#/]+)/u.exec(url);
  if (!m) return undefined;
  try {
    return cleanName(decodeURIComponent(m[1]!).replace(/_/gu, ' ').replace(/\s*\(.*\)$/u, ''));
  } catch {
    return undefined;
  }
}

/** The name a blockquote's footer or caption gives: "— Albert Camus, La Peste (1947)". */
function nameFromCite(cite: string | undefined): string | undefined {
  if (!cite) return undefined;
  const line = norm(cite).trim().replace(/^[—–―~-]+\s*/u, '');
  const m = line.match(rx(`^(${ORG_NAME})(?=\\s*(?:$|[,(]|\\s[—–-]\\s|\\s(?:dans|in|on|sur|à|at)\\s|\\s\\d))`));
  return m ? cleanName(m[1]!) : undefined;
}

/**
 * The speaker of the quoted passage, or undefined when the text does not say it clearly. Never
 * the page's author unless the text says the author speaks.
 */
export function proposeSpeaker(ctx: SpeakerContext): string | undefined {
  const marked = nameFromCite(ctx.cite) ?? nameFromUrl(ctx.citeUrl);
  if (marked) return marked.slice(0, MAX_SPEAKER);
  const { left, right, quoted } = around(ctx);
  const after = resolve(cueAfter(right, quoted), left, ctx);
  const before = resolve(cueBefore(left), left, ctx);
  if (after && before && !sameName(after.name, before.name)) return undefined;
  const found = before ?? after;
  if (!found) return undefined;
  // A byline under the text ("— Jane Doe" closing the post) is the author signing, not speaking.
  if (found.weak && !before && ctx.pageAuthor && sameName(found.name, ctx.pageAuthor)) return undefined;
  return found.name.slice(0, MAX_SPEAKER);
}
