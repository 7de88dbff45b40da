import { beforeAll, describe, expect, it } from 'vitest';
import { putNotes, putRows } from '../support/chromium';
import { waitFor } from '../support/wait';
import { useSession, type ExtensionBrowser, type Row } from './fixtures';
import type { SidePanel } from './pages/side-panel';

const day = 86_400_000;
const t0 = Date.now() - 20 * day;

const BLOG = 'https://blog.example/customer-relations';
const NEWS = 'https://news.example/2026/leadership';
const MAG = 'https://magazine.example/fr/management';
const SITE = 'https://coach.example/citations';

const article = (id: string, url: string, title: string, at: number): Row => ({ id, url, title, tags: [], createdAt: at, updatedAt: at });
const quote = (id: string, url: string, title: string, exact: string, at: number, speaker?: string, proposed = false): Row => ({
  id,
  url,
  kind: 'quote',
  color: 'yellow',
  exact,
  selectors: [{ type: 'TextQuoteSelector', exact }],
  note: '',
  tags: [],
  attribution: { title, url },
  ...(speaker ? { speaker } : {}),
  ...(proposed ? { speakerProposed: true } : {}),
  createdAt: at,
  updatedAt: at,
});

const INSANITY = 'Insanity is doing the same thing over and over and expecting different results.';
const SIMPLE = 'La simplicité est la sophistication suprême.';
const IMAGINATION = 'Imagination is more important than knowledge.';

/** A library where one quote circulates attributed to two people, and one person is quoted from two pages. */
async function library(browser: ExtensionBrowser) {
  await putNotes(browser.session, [
    quote('q1', BLOG, 'Customer relations, the hard way', INSANITY, t0 + day, 'Albert Einstein'),
    quote('q2', NEWS, 'What leaders get wrong', `“${INSANITY.replace('over and over', 'over and over,').toUpperCase()}”`, t0 + 2 * day, 'Mark Twain', true),
    quote('q3', SITE, 'Les plus belles citations', `« ${INSANITY.slice(0, -1)} »`, t0 + 3 * day, 'Einstein'),
    quote('q4', MAG, 'Manager avec simplicité', SIMPLE, t0 + 4 * day, 'Léonard de Vinci'),
    quote('q5', SITE, 'Les plus belles citations', `« ${SIMPLE.replace('.', ' !')} »`, t0 + 5 * day),
    quote('q6', NEWS, 'What leaders get wrong', IMAGINATION, t0 + 6 * day, 'Albert Einstein'),
  ]);
  await putRows(browser.session, 'articles', [
    article('a1', BLOG, 'Customer relations, the hard way', t0),
    article('a2', NEWS, 'What leaders get wrong', t0),
    article('a3', MAG, 'Manager avec simplicité', t0),
    article('a4', SITE, 'Les plus belles citations', t0),
  ]);
}

async function openPanel(browser: ExtensionBrowser): Promise<SidePanel> {
  const panel = await browser.sidePanel();
  // A narrow panel, tall enough for every group of this small library to be drawn at once.
  await panel.page.setViewportSize({ width: 420, height: 2000 });
  // Read, not drawn: a narrow panel draws the rows that fit (and French rows are taller).
  await waitFor(async () => /^6\D/.test((await panel.page.getByTestId('total').textContent()) ?? ''), 10_000, 'the six quotes');
  return panel;
}

const speakerHeads = (panel: SidePanel) => panel.page.locator('.results.speakers .group-head');
const quoteHeads = (panel: SidePanel) => panel.page.locator('.results.same-quotes .group-head');

describe('the side panel groups quotes by speaker and the same quote across sources (English)', () => {
  const browser = useSession();
  let panel: SidePanel;

  beforeAll(async () => {
    await library(browser);
    panel = await openPanel(browser);
  });

  it('lists every quote of a person, from every source, names of one person joined', async () => {
    await panel.page.getByRole('tab', { name: 'Speakers' }).click();
    await waitFor(async () => (await speakerHeads(panel).count()) === 3, 5000, 'three speakers');
    expect(await speakerHeads(panel).locator('h2').allTextContents()).toEqual(['Albert Einstein', 'Léonard de Vinci', 'Mark Twain']);
    const einstein = speakerHeads(panel).first();
    // "Einstein" on the quotes site is Albert Einstein: three quotes, from three pages.
    expect(await einstein.locator('.group-meta').textContent()).toBe('3 quotes · from 3 sources · also written Einstein');
    expect(await panel.page.getByTestId('speakers-count').textContent()).toBe('3 speakers');
    const underEinstein = await panel.page.locator('.results.speakers .row').evaluateAll((rows) => {
      const out: string[] = [];
      for (const row of rows.slice(1)) {
        if (row.classList.contains('group-head')) break;
        out.push(row.querySelector('.note-text')?.textContent ?? '');
      }
      return out;
    });
    expect(underEinstein).toEqual([IMAGINATION, `« ${INSANITY.slice(0, -1)} »`, INSANITY]);
    await panel.screenshot('quote-groups-speakers-en.png');
  });

  it('groups the same words from several pages, each source with its speaker, and flags differing speakers', async () => {
    await panel.page.getByRole('tab', { name: 'Same quote' }).click();
    await waitFor(async () => (await quoteHeads(panel).count()) === 2, 5000, 'two quotes in several sources');
    expect(await panel.page.getByTestId('same-count').textContent()).toBe('2 quotes found in several sources · 1 attributed to different people');
    const [insanity, simple] = [quoteHeads(panel).nth(0), quoteHeads(panel).nth(1)];
    expect(await insanity.locator('.group-meta').textContent()).toBe('In 3 sources');
    expect(await insanity.getByTestId('same-flag').textContent()).toBe('Attributed to Albert Einstein here, to Mark Twain there');
    // The French quote: one speaker, the other source names nobody — no flag.
    expect(await simple.locator('blockquote').textContent()).toBe(`« ${SIMPLE.replace('.', ' !')} »`);
    expect(await simple.getByTestId('same-flag').count()).toBe(0);
    const sources = await panel.page.locator('.results.same-quotes .same-source').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('.same-title')?.textContent, r.querySelector('.speaker-name, .same-nobody')?.textContent, r.querySelector('.badge-proposed')?.textContent ?? '']),
    );
    expect(sources).toEqual([
      ['Les plus belles citations', 'Einstein', ''],
      ['What leaders get wrong', 'Mark Twain', 'proposed'],
      ['Customer relations, the hard way', 'Albert Einstein', ''],
      ['Les plus belles citations', 'no speaker given', ''],
      ['Manager avec simplicité', 'Léonard de Vinci', ''],
    ]);
    await panel.screenshot('quote-groups-same-en.png');
  });

  it('fixes a misattribution where it shows: the flag goes once the sources agree', async () => {
    const twain = panel.page.locator('.same-source[data-note-id="q2"]');
    await twain.getByRole('button', { name: 'Change' }).click();
    await twain.locator('input.speaker-input').fill('Albert Einstein');
    await twain.locator('input.speaker-input').press('Enter');
    await waitFor(async () => (await panel.page.getByTestId('same-flag').count()) === 0, 5000, 'no flag left');
    expect(await panel.page.getByTestId('same-count').textContent()).toBe('2 quotes found in several sources');
    const stored = (await browser.rows('notes')).find((n) => n.id === 'q2')!;
    expect([stored.speaker, stored.speakerProposed]).toEqual(['Albert Einstein', undefined]);
  });

  it('keeps, while searching, the groups with a matching note, every source still listed', async () => {
    await panel.searchBox.fill('simplicite');
    await waitFor(async () => (await quoteHeads(panel).count()) === 1, 5000, 'one group for the search');
    expect(await panel.page.locator('.results.same-quotes .same-source').count()).toBe(2);
    await panel.searchBox.fill('');
    await waitFor(async () => (await quoteHeads(panel).count()) === 2, 5000, 'both groups again');
  });
});

describe('the same groupings in French', () => {
  const browser = useSession({ lang: 'fr' });
  let panel: SidePanel;

  beforeAll(async () => {
    await library(browser);
    panel = await openPanel(browser);
  });

  it('says who said what, and flags a quote attributed to two people, in French', async () => {
    await panel.page.getByRole('tab', { name: 'Auteurs' }).click();
    await waitFor(async () => (await speakerHeads(panel).count()) === 3, 5000, 'trois auteurs');
    expect(await speakerHeads(panel).first().locator('.group-meta').textContent()).toBe('3 citations · depuis 3 sources · aussi écrit Einstein');
    expect(await panel.page.getByTestId('speakers-count').textContent()).toBe('3 auteurs des propos');
    await panel.screenshot('quote-groups-speakers-fr.png');

    await panel.page.getByRole('tab', { name: 'Même citation' }).click();
    await waitFor(async () => (await quoteHeads(panel).count()) === 2, 5000, 'deux citations');
    expect(await panel.page.getByTestId('same-count').textContent()).toBe('2 citations trouvées dans plusieurs sources · 1 attribuée à des personnes différentes');
    expect(await quoteHeads(panel).first().getByTestId('same-flag').textContent()).toBe('Attribuée ici à Albert Einstein, là à Mark Twain');
    expect(await panel.page.locator('.same-source .same-who').nth(3).textContent()).toBe('sans auteur des propos' + 'Ajouter l’auteur des propos' + 'Ouvrir au passage');
    await panel.screenshot('quote-groups-same-fr.png');
  });
});
