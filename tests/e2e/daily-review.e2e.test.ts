import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import type { ReviewState } from '../../utils/domain/review-state';
import { grade, type ReviewGrade } from '../../utils/review/schedule';
import { waitFor } from '../support/wait';
import { SCREENSHOTS, UI, useSession, type ExtensionBrowser, type WebPage } from './fixtures';
import { ReviewView } from './pages/review';
import type { SidePanel } from './pages/side-panel';

const DAY = 86_400_000;
const EN_1 = 'The rule felt almost too modest to matter.';
const EN_2 = 'A small goal removes the drama from a missed day.';
const EN_3 = 'The total matters less than the rhythm.';
const FR_1 = 'Quand on écrit pour tout le monde, on n’écrit pour personne.';

/** Text as read, one line per paragraph. */
const lines = (text: string) => text.replace(/\n+/g, '\n').trim();

/** Gives the stored note holding `exact` a speaker, a note and tags (as the editors would), before the review reads it. */
async function annotate(browser: ExtensionBrowser, exact: string, fields: Partial<Note>): Promise<Note> {
  const note = (await browser.rows('notes')).find((n) => n.exact === exact) as unknown as Note;
  const changed = { ...note, ...fields };
  await browser.put('notes', changed as never);
  return changed;
}

describe('the daily review, in English', () => {
  const browser = useSession();
  let page: WebPage;
  let panel: SidePanel;
  let review: ReviewView;
  /** Each note's answer, by id. */
  const answers = new Map<string, ReviewGrade>();

  beforeAll(async () => {
    page = await browser.open('article-en.html');
    await page.highlight(EN_1, UI.action('quote'));
    await page.highlight(EN_2);
    await page.highlight(EN_3, UI.action('quote'));
    await annotate(browser, EN_1, { speaker: 'The author', note: 'For the talk on habits.', tags: ['habits', 'reading time'] });
    panel = await browser.sidePanel();
    review = await ReviewView.open(panel);
  });

  it('brings the new notes one at a time, oldest first, the passage first and its source on Space', async () => {
    await review.waitForProgress('1 of 3');
    expect(await review.text()).toBe(EN_1);
    expect(await review.details.count()).toBe(0);
    await panel.screenshot('review-card-en.png');
    await review.press(' ');
    await review.details.waitFor();
    expect(await review.details.innerText()).toContain('— The author');
    expect(await review.details.innerText()).toContain('For the talk on habits.');
    expect(await review.details.locator('.tag').allTextContents()).toEqual(['habits', 'reading time']);
    await panel.screenshot('review-revealed-en.png');
  });

  it('opens the card at its passage with O: the article\u2019s tab scrolls to it and flashes it', async () => {
    await page.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await review.press('o');
    await waitFor(async () => (await page.drawn()).some((d) => d.name === 'verbatim-flash' && d.text === EN_1), 10_000, 'the flash');
    await panel.bringToFront();
  });

  it('answers with the keys: 3 remember, S skips to the end, 4 easy, 1 again; then the summary', async () => {
    answers.set(await review.noteId(), 'remember');
    await review.press('3');
    await review.waitForProgress('2 of 3');
    const skipped = await review.noteId();
    expect(await review.text()).toBe(EN_2);
    await review.press('s');
    // Skipped: the last card comes now, the skipped one after it.
    await waitFor(async () => (await review.text()) === EN_3, 10_000, 'the next card after a skip');
    answers.set(await review.noteId(), 'easy');
    await review.press('4');
    await waitFor(async () => (await review.noteId()) === skipped, 10_000, 'the skipped card again');
    answers.set(skipped, 'again');
    await review.press('1');
    await review.end.waitFor();
    expect(lines(await review.end.innerText())).toMatch(/Session done: 3 notes\.\nAgain: 1 · Remember: 1 · Easy: 1\nNext review: /);
    await panel.screenshot('review-done-en.png');
  });

  it('stores each answer as FSRS schedules it: again tomorrow, remember in days, easy later still', async () => {
    const rows = (await browser.rows('reviews')) as unknown as ReviewState[];
    expect(rows.map((r) => r.noteId).sort()).toEqual([...answers.keys()].sort());
    for (const row of rows) {
      const answer = answers.get(row.noteId)!;
      // The library's own answer for the same card at the same moment (its fuzz is seeded from them).
      expect(row).toEqual({ ...grade(row.noteId, undefined, answer, row.lastReview!), updatedAt: row.updatedAt });
    }
    const days = (a: ReviewGrade) => {
      const row = rows.find((r) => answers.get(r.noteId) === a)!;
      return (row.due - row.lastReview!) / DAY;
    };
    expect(days('again')).toBe(1);
    expect(days('remember')).toBeGreaterThanOrEqual(2);
    expect(days('easy')).toBeGreaterThan(days('remember'));
  });

  it('has nothing more today, and says when the next review is', async () => {
    await panel.page.getByRole('tab', { name: 'Notes' }).click();
    review = await ReviewView.open(panel);
    await review.end.getByText('Nothing to review today.').waitFor();
    const rows = (await browser.rows('reviews')) as unknown as ReviewState[];
    // Written with no-break spaces: a date on screen is never split across lines.
    const next = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(Math.min(...rows.map((r) => r.due))).replace(/ /g, '\u00A0');
    expect(await review.end.innerText()).toContain(`Next review: ${next}.`);
    await panel.screenshot('review-empty-en.png');
  });

  it('exports the notes for Anki from the side panel: a tab-separated file Anki imports, one row per passage', async () => {
    await panel.page.getByRole('button', { name: 'Export & import' }).click();
    const menu = panel.page.getByRole('dialog', { name: 'Export & import' });
    await menu.getByRole('button', { name: 'Anki' }).scrollIntoViewIfNeeded();
    await menu.screenshot({ path: `${SCREENSHOTS}/review-anki-menu-en.png` });
    const file = await panel.downloadText(() => menu.getByRole('button', { name: 'Anki' }).click());
    expect(file.name).toMatch(/^verbatim-anki-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(file.text.split('\n').slice(0, 3)).toEqual(['#separator:tab', '#html:false', '#notetype:Basic']);
    const rows = Papa.parse<string[]>(file.text, { delimiter: '\t', comments: '#', newline: '\n', skipEmptyLines: true }).data;
    expect(rows.map((r) => r[1])).toEqual([EN_1, EN_2, EN_3]);
    expect(rows[0]![3]).toBe('The author');
    expect(rows[0]![2]).toContain('For the talk on habits.');
    expect(rows[0]![6]).toBe('habits reading_time');
    await panel.page.keyboard.press('Escape');
  });

  it('exports only the current view\u2019s notes for Anki when the panel is filtered', async () => {
    await panel.page.getByRole('tab', { name: 'Notes' }).click();
    await panel.searchBox.fill('rhythm');
    await panel.waitForNotes(1, 'one result');
    await panel.page.getByRole('button', { name: 'Export & import' }).click();
    const menu = panel.page.getByRole('dialog', { name: 'Export & import' });
    expect(await menu.getByRole('radio', { name: 'Current view (1 note)' }).isChecked()).toBe(true);
    const file = await panel.downloadText(() => menu.getByRole('button', { name: 'Anki' }).click());
    const rows = Papa.parse<string[]>(file.text, { delimiter: '\t', comments: '#', newline: '\n', skipEmptyLines: true }).data;
    expect(rows.map((r) => r[1])).toEqual([EN_3]);
    await panel.page.keyboard.press('Escape');
    await panel.searchBox.fill('');
  });

  it('offers the daily reminder in the options, off by default', async () => {
    const options = await browser.options();
    const section = options.page.getByRole('region', { name: 'Daily review' });
    await section.waitFor();
    expect(await section.getByRole('checkbox', { name: 'Remind me every day at' }).isChecked()).toBe(false);
    expect(await section.getByRole('spinbutton', { name: 'New notes a day' }).inputValue()).toBe('5');
    await section.screenshot({ path: `${SCREENSHOTS}/review-options-en.png` });
    await options.close();
  });
});

describe('the daily review, in French', () => {
  const browser = useSession({ lang: 'fr' });

  it('speaks French, with French typography', async () => {
    const page = await browser.open('article-fr.html');
    await page.highlight(FR_1, UI.action('quote'));
    await annotate(browser, FR_1, { speaker: 'Une consultante', note: 'Pour la conférence « relation client ».', tags: ['écriture'] });
    const panel = await browser.sidePanel();
    const review = await ReviewView.open(panel, 'Révision');
    await review.waitForProgress('1 sur 1');
    // The quote between French marks with their narrow no-break spaces.
    expect(await review.card.locator('.review-quote').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"«\u202f"');
    expect(await review.root.getByRole('button', { name: /^Retenu/ }).count()).toBe(1);
    await panel.screenshot('review-card-fr.png');
    await review.press('Enter');
    await review.details.waitFor();
    await panel.screenshot('review-revealed-fr.png');
    await review.press('3');
    await review.end.waitFor();
    expect(lines(await review.end.innerText())).toMatch(/Séance terminée\u202f: 1 note\.\nRetenu\u202f: 1\nProchaine révision\u202f: /);
    await panel.screenshot('review-done-fr.png');
    await panel.page.getByRole('button', { name: 'Exporter, importer' }).click();
    const menu = panel.page.getByRole('dialog', { name: 'Exporter, importer' });
    await menu.getByRole('button', { name: 'Anki' }).scrollIntoViewIfNeeded();
    await menu.screenshot({ path: `${SCREENSHOTS}/review-anki-menu-fr.png` });
    const file = await panel.downloadText(() => menu.getByRole('button', { name: 'Anki' }).click());
    expect(Papa.parse<string[]>(file.text, { delimiter: '\t', comments: '#', newline: '\n', skipEmptyLines: true }).data.map((r) => r[1])).toEqual([FR_1]);
    const options = await browser.options();
    const section = options.page.getByRole('region', { name: 'Révision quotidienne' });
    await section.waitFor();
    await section.screenshot({ path: `${SCREENSHOTS}/review-options-fr.png` });
  });
});
