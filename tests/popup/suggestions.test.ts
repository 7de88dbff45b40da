import { afterEach, describe, expect, it, vi } from 'vitest';
import { suggestionsFor } from '../../entrypoints/popup/suggestions';
import { changeArticleTags, saveClip } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { dbPerTest } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
afterEach(() => vi.restoreAllMocks());

const clip = (i: number, text: string) =>
  saveClip(db, { url: `https://blog.example/${i}/`, title: `Article ${i}`, lang: 'fr', html: `<p>${text}</p>`, text, wordCount: 50, readingMinutes: 1 });

const COMMON = 'Le marketing de contenu demande du temps et une stratégie claire. ';

describe('tag suggestions in the popup', () => {
  it('offers the article’s own salient words, weighed against the rest of the library', async () => {
    for (let i = 0; i < 4; i++) await clip(i, COMMON.repeat(5) + `Sujet numéro ${i}.`);
    const target = await clip(9, COMMON.repeat(2) + 'La torréfaction du café artisanal change tout. Torréfaction lente, café de spécialité, torréfaction maîtrisée.');
    const tags = await suggestionsFor(db, target.id, []);
    expect(tags).toContain('torréfaction');
    // Words every article of the library uses are not offered.
    expect(tags).not.toContain('marketing');
  });

  it('reads the library’s bodies again only when a clip changed, not on each tag edit', async () => {
    for (let i = 0; i < 4; i++) await clip(i, COMMON.repeat(5) + `Sujet numéro ${i}.`);
    const target = await clip(9, 'La torréfaction du café artisanal change tout. Torréfaction lente, café de spécialité.');
    const reads = vi.spyOn(db.bodies, 'bulkGet');
    await suggestionsFor(db, target.id, []);
    expect(reads).toHaveBeenCalledTimes(1);
    await changeArticleTags(db, target.id, { add: ['café'] });
    const again = await suggestionsFor(db, target.id, ['café']);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(again).not.toContain('café');
    // A new clip changes the sample: read again.
    await clip(10, 'Un nouvel article sur la torréfaction.');
    await suggestionsFor(db, target.id, []);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('suggests from the page’s text for a page with notes that was never clipped', async () => {
    await db.articles.put({ id: 'p1', url: 'https://blog.example/p/', title: 'Torréfier son café', tags: [], createdAt: 1, updatedAt: 1 });
    const page = { text: 'La torréfaction du café artisanal change tout. Torréfaction lente, café de spécialité.', lang: 'fr' };
    expect(await suggestionsFor(db, 'p1', [])).toEqual([]);
    const tags = await suggestionsFor(db, 'p1', [], page);
    expect(tags).toContain('torréfaction');
    expect(tags).toContain('café');
  });

  it('prefers the saved copy to the page’s text, and weighs the title', async () => {
    const target = await clip(9, COMMON + 'La torréfaction du café artisanal change tout. Torréfaction lente, torréfaction maîtrisée, café de spécialité.');
    const tags = await suggestionsFor(db, target.id, [], { text: 'Un tout autre texte sur le jardinage, le jardinage, le jardinage.' });
    expect(tags).not.toContain('jardinage');
    expect(tags[0]).toBe('torréfaction');
    // The title (« Article 9 ») says nothing; a title naming the topic puts it first.
    await db.articles.update(target.id, { title: 'Le café de spécialité' });
    expect((await suggestionsFor(db, target.id, []))[0]).toBe('café de spécialité');
  });
});
