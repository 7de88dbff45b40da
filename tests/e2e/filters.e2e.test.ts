import { beforeAll, describe, expect, it } from 'vitest';
import { highlight } from '../support/library';
import { waitFor } from '../support/wait';
import { useSession, type Row } from './fixtures';
import type { SidePanel } from './pages/side-panel';

const day = 86_400_000;
const t0 = Date.now() - 30 * day;

const article = (id: string, url: string, title: string, tags: string[], at: number): Row => ({ id, url, title, tags, createdAt: at, updatedAt: at });
const note = (id: string, url: string, exact: string, tags: string[], at: number): Row => ({ ...highlight({ id, url, exact, tags }), createdAt: at, updatedAt: at });

const LEMONDE = 'https://www.lemonde.fr/planete/article';
const MEDIUM = 'https://medium.com/@someone/post';
const OTHER = 'https://example.org/essay';

describe('filters in the side panel: sites, tags all or any, article tags, the Articles view', () => {
  const browser = useSession();
  let panel: SidePanel;

  beforeAll(async () => {
    // A real note first, so the extension has made its database; then a library of three sites.
    const page = await browser.open('article-en.html');
    await page.highlight('Keeping a short reading log can help as well.');
    await waitFor(async () => (await browser.rows('notes')).length === 1, 5000, 'the first note saved');
    await page.close();
    // « lecture » is an article tag only (the popup's suggestions tag the article, not its notes).
    await browser.put('articles', article('L', LEMONDE, 'Le climat en France', ['lecture'], t0));
    await browser.put('articles', article('M', MEDIUM, 'Energy notes', [], t0 + day));
    await browser.put('articles', article('X', OTHER, 'An essay elsewhere', ['lecture'], t0 + 2 * day));
    await browser.put('articles', article('E', 'https://medium.com/@other/clipped', 'Clipped, no note yet', ['lecture'], t0 + 8 * day));
    await browser.put('notes', note('l1', LEMONDE, 'Lemonde climat seul', ['climat'], t0 + 3 * day));
    await browser.put('notes', note('l2', LEMONDE, 'Lemonde climat et énergie', ['climat', 'énergie'], t0 + 4 * day));
    await browser.put('notes', note('m1', MEDIUM, 'Medium énergie seule', ['énergie'], t0 + 5 * day));
    await browser.put('notes', note('m2', MEDIUM, 'Medium climat et énergie', ['climat', 'énergie'], t0 + 6 * day));
    await browser.put('notes', note('x1', OTHER, 'Ailleurs climat et énergie', ['climat', 'énergie'], t0 + 7 * day));
    panel = await browser.sidePanel();
    await panel.waitForNotes(6, 'six notes');
    await panel.page.getByRole('button', { name: 'Filters' }).click();
  });

  const texts = async () => (await panel.noteTexts()).sort();
  const filters = () => panel.page.getByRole('group', { name: 'Filters' });

  it('keeps two sites at once (any of them)', async () => {
    const sites = panel.page.locator('select.site-select');
    await sites.selectOption('lemonde.fr');
    await panel.waitForNotes(2, 'lemonde.fr');
    await sites.selectOption('medium.com');
    await panel.waitForNotes(4, 'lemonde.fr or medium.com');
    expect(await filters().locator('button[data-site]').allTextContents()).toEqual(['lemonde.fr ×', 'medium.com ×']);
  });

  it('combines two tags with all (AND) or any (OR), within those sites', async () => {
    await filters().locator('button[data-tag="climat"]').click();
    await panel.waitForNotes(3, 'climat on the two sites');
    await filters().locator('button[data-tag="énergie"]').click();
    await panel.waitForNotes(2, 'climat AND énergie');
    expect(await texts()).toEqual(['Lemonde climat et énergie', 'Medium climat et énergie']);
    const all = filters().getByRole('radio', { name: 'All tags (AND)' });
    expect(await all.getAttribute('aria-checked')).toBe('true');
    await filters().getByRole('radio', { name: 'Any tag (OR)' }).click();
    await panel.waitForNotes(4, 'climat OR énergie');
    expect(await panel.page.locator('.result-count').textContent()).toBe('4 results');
    await panel.screenshot('filters-sites-tags-or.png', { fullPage: true });
    await filters().getByRole('radio', { name: 'All tags (AND)' }).click();
    await panel.waitForNotes(2, 'back to AND');
  });

  it('matches an article’s tags, marked as such in the facet', async () => {
    await filters().getByRole('button', { name: 'Clear filters' }).click();
    await panel.waitForNotes(6, 'unfiltered');
    const lecture = filters().locator('button[data-tag="lecture"]');
    expect(await lecture.locator('.badge').textContent()).toBe('article');
    await lecture.click();
    // Every note of the two tagged articles, none of which carries « lecture » itself.
    await panel.waitForNotes(3, 'notes of articles tagged lecture');
    expect(await texts()).toEqual(['Ailleurs climat et énergie', 'Lemonde climat et énergie', 'Lemonde climat seul']);
  });

  it('gives the Articles view the same filters, and says what it counts', async () => {
    await filters().locator('select.site-select').selectOption('example.org');
    await panel.waitForNotes(1, 'lecture on example.org');
    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    await waitFor(async () => (await panel.page.locator('.results.articles .article').count()) === 1, 5000, 'one article');
    expect(await panel.page.locator('.result-count').textContent()).toBe('1 article · 1 matching note');
    // By their site alone: the clipped article with no note shows too, said so.
    await filters().getByRole('button', { name: 'Clear filters' }).click();
    await filters().locator('select.site-select').selectOption('medium.com');
    await waitFor(async () => (await panel.page.locator('.results.articles .article').count()) === 2, 5000, 'medium.com');
    expect(await panel.page.locator('.result-count').textContent()).toBe('2 articles · 2 matching notes');
    expect(await panel.page.locator('.results.articles .article-empty').textContent()).toContain('the article itself does');
    await panel.screenshot('filters-articles-view.png', { fullPage: true });
  });
});

describe('date filters are the reader’s local days, in both views (Europe/Paris)', () => {
  const browser = useSession();
  const PAGE = 'https://journal.example/mars';
  const ELSEWHERE = 'https://journal.example/veille';
  /** An instant given as UTC. */
  const utc = (iso: string) => Date.parse(`${iso}Z`);

  it('keeps a note made at 00:30 in Paris on its own day, and an article saved then in the Articles view', async () => {
    const page = await browser.open('article-en.html');
    await page.highlight('Keeping a short reading log can help as well.');
    await waitFor(async () => (await browser.rows('notes')).length === 1, 5000, 'the first note saved');
    await page.close();
    await browser.put('articles', article('P', PAGE, 'Notes de mars', [], utc('2026-03-01T10:00:00')));
    await browser.put('articles', article('Q', ELSEWHERE, 'La veille au soir', [], utc('2026-03-01T10:00:00')));
    // Saved at 00:15 and at 23:45 (the evening before) in Paris, without notes.
    await browser.put('articles', article('E', 'https://journal.example/minuit', 'Gardé à minuit passé', [], utc('2026-03-09T23:15:00')));
    await browser.put('articles', article('F', 'https://journal.example/avant', 'Gardé avant minuit', [], utc('2026-03-09T22:45:00')));
    // 10 March in Paris (UTC+1): 00:30 and 23:59; and 23:30 on the 9th.
    await browser.put('notes', note('a', PAGE, 'Écrit à minuit et demie', [], utc('2026-03-09T23:30:00')));
    await browser.put('notes', note('c', PAGE, 'Écrit avant de dormir', [], utc('2026-03-10T22:59:00')));
    await browser.put('notes', note('b', ELSEWHERE, 'Écrit la veille', [], utc('2026-03-09T22:30:00')));

    const panel = await browser.sidePanel();
    const cdp = await panel.page.context().newCDPSession(panel.page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Paris' });
    await panel.page.reload();
    expect(await panel.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Paris');
    await panel.waitForNotes(4, 'four notes');
    await panel.page.getByRole('button', { name: 'Filters' }).click();
    const filters = panel.page.getByRole('group', { name: 'Filters' });
    await filters.locator('input[name="from"]').fill('2026-03-10');
    await filters.locator('input[name="to"]').fill('2026-03-10');
    // Read as UTC days, 10 March would keep « avant de dormir » only.
    await panel.waitForNotes(2, 'the two notes of 10 March in Paris');
    expect((await panel.noteTexts()).sort()).toEqual(['Écrit avant de dormir', 'Écrit à minuit et demie']);

    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    const titles = () => panel.page.locator('.results.articles .article .article-title').allTextContents();
    await waitFor(async () => (await titles()).length === 2, 5000, 'two articles');
    expect((await titles()).sort()).toEqual(['Gardé à minuit passé', 'Notes de mars']);
    await panel.screenshot('filters-local-day-articles.png', { fullPage: true });
    await cdp.detach();
  });
});
