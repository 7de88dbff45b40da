import type { Article, Note } from '../domain/model';
import { MAX_ALIASES } from '../domain/record-schemas';
import { inReadingOrder } from '../domain/notes';
import { normalizeUrl, sameOrigin } from '../extract/url';
import type { VerbatimDb } from './schema';

/**
 * Notes follow their article (schema v8): an article keeps its other addresses (`aliases`: the
 * canonical, `og:url` and AMP addresses its page declared, and copies the user linked to it), and
 * a page finds the notes of every article that names it. The rule, against hostile pages
 * (docs/security.md): a page is shown the notes of
 *   1. its own address;
 *   2. every article that lists its address among its aliases (that article's own page declared
 *      it, or the user linked the two) — the notes were made there, not here;
 *   3. addresses the page declares for itself (canonical, og:url, amphtml) of its own origin only,
 *      and the articles that list those: it could open them and see their highlights anyway.
 * A page naming an address of another origin gets nothing for it: only the user, in the popup,
 * can link it (`linkAddress`).
 */

/** The URLs of the articles that list any of `addresses` among their aliases (one indexed lookup). */
async function vouching(db: VerbatimDb, addresses: readonly string[]): Promise<string[]> {
  const articles = await db.articles.where('aliases').anyOf([...addresses]).toArray();
  return articles.map((a) => a.url);
}

/** The addresses whose notes a page at `url` is shown, with those it declares of its own origin (see the rule above). */
export async function addressesFor(db: VerbatimDb, url: string, declared: readonly string[] = []): Promise<string[]> {
  const own = [url, ...declared.filter((d) => sameOrigin(d, url))];
  return [...new Set([...own, ...(await vouching(db, own))])];
}

/**
 * The notes a page at `url` shows, in reading order: its own, and those of the other addresses of
 * its article that the rule above allows. Two indexed lookups.
 */
export async function notesForPage(db: VerbatimDb, url: string, declared: readonly string[] = []): Promise<Note[]> {
  return inReadingOrder(await db.notes.where('url').anyOf(await addressesFor(db, url, declared)).toArray());
}

/**
 * Whether a page at `url` that has no notes of its own might be shown some through the addresses it
 * declares (rule 3): only when a note was made on a page of its origin, or an article lists an
 * address of its origin. Two indexed lookups that stop at the first record; the navigation check
 * reads a page's declared addresses only then (entrypoints/background/navigation.ts).
 */
export async function originMayHaveNotes(db: VerbatimDb, url: string): Promise<boolean> {
  const prefix = `${new URL(url).origin}/`;
  if ((await db.notes.where('url').startsWith(prefix).first()) !== undefined) return true;
  return (await db.articles.where('aliases').startsWith(prefix).first()) !== undefined;
}

/**
 * Whether the page at `pageUrl` may change a note saved at `noteUrl`: its own, one of its origin,
 * or one of an article listing the page's address. Only the user's own input asks (the page
 * script acts on trusted input alone), and only for notes it was shown.
 */
export async function mayReach(db: VerbatimDb, pageUrl: string, noteUrl: string): Promise<boolean> {
  if (noteUrl === pageUrl || sameOrigin(noteUrl, pageUrl)) return true;
  return (await db.articles.where('aliases').equals(pageUrl).filter((a) => a.url === noteUrl).count()) > 0;
}

/** Notes of this article saved under another address, as the popup shows them. */
export interface Elsewhere {
  /** The address they were saved at. */
  url: string;
  /** Its article's title, when there is one. */
  title?: string;
  notes: Note[];
  /** Whether the page at this address is shown them already (rule above); else only the user can link them. */
  shown: boolean;
}

/**
 * The notes of the page's article saved under other addresses than `url`, by address: those the
 * page is shown (rule above), and those of the addresses it declares of another origin, which the
 * page is never shown unless the user links them. `declared` is what the page says of itself: the
 * popup shows the user these notes in its own window, never to the page.
 */
export async function notesElsewhere(db: VerbatimDb, url: string, declared: readonly string[] = []): Promise<Elsewhere[]> {
  const shown = new Set(await addressesFor(db, url, declared));
  const foreign = declared.filter((d) => !shown.has(d));
  const candidates = [...new Set([...shown, ...foreign, ...(await vouching(db, foreign))])].filter((u) => u !== url);
  if (candidates.length === 0) return [];
  const [notes, articles] = await Promise.all([
    db.notes.where('url').anyOf(candidates).toArray(),
    db.articles.where('url').anyOf(candidates).toArray(),
  ]);
  const titles = new Map(articles.map((a) => [a.url, a.title]));
  return candidates.flatMap((u) => {
    const mine = notes.filter((n) => n.url === u);
    if (mine.length === 0) return [];
    const title = titles.get(u);
    return [{ url: u, ...(title ? { title } : {}), notes: inReadingOrder(mine), shown: shown.has(u) }];
  });
}

/**
 * Links a page to the article saved at `articleUrl`, at the user's word ("Show them on this
 * page" in the popup): the page's address becomes one of the article's aliases, so its notes show
 * there from now on. Returns the article as stored.
 */
export function linkAddress(db: VerbatimDb, articleUrl: string, pageUrl: string): Promise<Article> {
  const address = normalizeUrl(pageUrl);
  return db.transaction('rw', db.articles, async () => {
    const article = await db.articles.where('url').equals(articleUrl).first();
    if (!article) throw new Error(`No article at ${articleUrl}`);
    const aliases = mergeAliases(article, [address]);
    if (aliases === article.aliases) return article;
    const next = { ...article, aliases, updatedAt: Date.now() };
    await db.articles.put(next);
    return next;
  });
}

/**
 * An article's aliases with `more` added (never its own URL, no duplicates, the newest kept when
 * past {@link MAX_ALIASES}); the same array when nothing is new, so callers know not to write.
 */
export function mergeAliases(article: Pick<Article, 'url' | 'aliases'>, more: readonly string[] = []): string[] | undefined {
  const existing = article.aliases ?? [];
  const added = more.filter((a) => a !== article.url && !existing.includes(a));
  if (added.length === 0) return article.aliases;
  return [...new Set([...existing, ...added])].slice(-MAX_ALIASES);
}
