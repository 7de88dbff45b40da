/**
 * Exports for reference managers (issue #16) from the side panel, in real Chromium: the notes
 * selected exported as CSL-JSON, BibTeX and RIS, each file read back by a real parser of its
 * format; one article's references from the Articles view, one tag's from the Tags view.
 */
import { waitFor } from '../support/wait';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForDatabase } from '../support/chromium';
import { useSession } from './fixtures';
import type { SidePanel } from './pages/side-panel';

const T0 = Date.UTC(2026, 11, 4, 12);
const NNBSP = '\u202F';
const FR_TITLE = 'L’État & « moi » : 100 % {sic}';
const CAMUS = 'La vraie générosité envers l’avenir consiste à tout donner au présent.';
const TWAIN = 'The secret of getting ahead is getting started.';
const LEFT_OUT = 'A passage nobody selected.';

const articles = [
  { id: 'a-fr', url: 'https://www.example.fr/idees/etat', title: FR_TITLE, byline: 'Jeanne Dupont', siteName: 'Le Monde & Co', publishedTime: '2024-03-05', lang: 'fr', tags: ['politique'], createdAt: T0, updatedAt: T0 },
  { id: 'a-en', url: 'https://blog.example.com/posts/customers', title: 'Customers & 100% {care}', byline: 'Pat Smith', siteName: 'Service Blog', lang: 'en', tags: [], createdAt: T0 + 1, updatedAt: T0 + 1 },
];
const note = (id: string, url: string, exact: string, rest: Record<string, unknown>) => ({
  id,
  url,
  kind: 'quote',
  color: 'yellow',
  exact,
  selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }],
  note: '',
  tags: [],
  createdAt: T0,
  updatedAt: T0,
  ...rest,
});
const notes = [
  note('n1', articles[0]!.url, CAMUS, { speaker: 'Albert Camus', note: 'Mon avis {important} : 50 % & plus.', tags: ['générosité'], createdAt: T0 + 10 }),
  note('n2', articles[1]!.url, TWAIN, { speaker: 'Mark Twain', createdAt: T0 + 20 }),
  note('n3', articles[1]!.url, LEFT_OUT, { kind: 'highlight', createdAt: T0 + 30 }),
];

async function downloadOf(page: Page, click: () => Promise<void>, dir: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** The side panel of `browser` over the library above, three notes listed. */
async function libraryPanel(browser: ReturnType<typeof useSession>): Promise<SidePanel> {
  const panel = await browser.sidePanel();
  await waitForDatabase(browser.session);
  for (const a of articles) await browser.put('articles', a);
  for (const n of notes) await browser.put('notes', n);
  await panel.page.reload();
  await panel.waitForNotes(3);
  await panel.page.setViewportSize({ width: 380, height: 720 });
  return panel;
}

/**
 * Ticks a note's box. Just after it opens, the panel may redraw its rows as the library finishes
 * loading, and a click on the row it replaces is lost: ticked again until it holds.
 */
async function selectNote(panel: SidePanel, text: string, label: string): Promise<void> {
  const box = panel.note(text).getByRole('checkbox', { name: label });
  await waitFor(
    async () => {
      await box.setChecked(true, { timeout: 2000 }).catch(() => undefined);
      return box.isChecked();
    },
    10_000,
    `the note selected: ${text.slice(0, 30)}`,
  );
}

describe('exports for reference managers', () => {
  const browser = useSession();
  let dir: string;
  let panel: SidePanel;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-references-'));
    panel = await libraryPanel(browser);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exports the selected notes as CSL-JSON, BibTeX and RIS, one entry per article, each read back by its parser', async () => {
    await selectNote(panel, CAMUS, 'Select this note');
    await selectNote(panel, TWAIN, 'Select this note');
    await panel.page.getByRole('button', { name: 'Export & import' }).click();
    const menu = panel.page.getByRole('dialog', { name: 'Export & import' });
    await menu.waitFor();
    expect(await menu.getByRole('radio', { name: 'Selected (2 notes)' }).isChecked()).toBe(true);
    await panel.screenshot('sidepanel-references-menu-en.png');

    const json = await downloadOf(panel.page, () => menu.getByRole('button', { name: 'CSL-JSON' }).click(), dir);
    expect(json.name).toMatch(/^verbatim-references-\d{4}-\d{2}-\d{2}\.json$/);
    const items = (await Cite.async(json.text)).data as Array<Record<string, any>>;
    expect(items.map((i) => i.title)).toEqual([FR_TITLE, 'Customers & 100% {care}']);
    expect(items[0]).toMatchObject({ URL: articles[0]!.url, 'container-title': 'Le Monde & Co', author: [{ family: 'Dupont', given: 'Jeanne' }] });
    expect(items[0]!.note).toBe(`«${NNBSP}${CAMUS}${NNBSP}» — Albert Camus\n\nMon avis {important} : 50 % & plus.`);
    expect(items[1]!.note).toBe(`“${TWAIN}” — Mark Twain`);

    const bib = await downloadOf(panel.page, () => menu.getByRole('button', { name: 'BibTeX (biblatex)' }).click(), dir);
    expect(bib.name).toMatch(/\.bib$/);
    const parsed = parseBibtex(bib.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.type)).toEqual(['online', 'online']);
    expect(parsed.entries[0]!.fields).toMatchObject({ title: FR_TITLE, url: articles[0]!.url, langid: 'french', organization: ['Le Monde & Co'] });
    expect(parsed.entries[0]!.fields.urldate).toMatch(/^2026-12-0[45]$/);
    expect(String(parsed.entries[0]!.fields.annotation)).toContain(`${CAMUS}${NNBSP}» — Albert Camus`);
    expect(String(parsed.entries[1]!.fields.annotation)).toBe(`“${TWAIN}” — Mark Twain`);

    const ris = await downloadOf(panel.page, () => menu.getByRole('button', { name: 'RIS' }).click(), dir);
    expect(ris.name).toMatch(/\.ris$/);
    const records = plugins.input.chainLink(ris.text) as Array<Record<string, unknown>>;
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ TI: FR_TITLE, AU: 'Dupont, Jeanne', UR: articles[0]!.url, KW: ['politique', 'générosité'] });
    expect(records[1]).toMatchObject({ TY: 'BLOG', N1: `“${TWAIN}” — Mark Twain` });
    // The note not selected is in none of the files.
    for (const text of [json.text, bib.text, ris.text]) expect(text).not.toContain(LEFT_OUT);

    await panel.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
  });

  it('exports one article’s references from the Articles view, and one tag’s from the Tags view', async () => {
    await panel.page.getByRole('tab', { name: 'Articles' }).click();
    await panel.page.locator('summary[aria-label="Export the references of Customers & 100% {care}"]').click();
    const article = panel.page.getByRole('group', { name: 'Export the references of Customers & 100% {care}' });
    await article.waitFor();
    await panel.screenshot('sidepanel-references-article-en.png');
    const bib = await downloadOf(panel.page, () => article.getByRole('button', { name: 'BibTeX (biblatex)' }).click(), dir);
    const entries = parseBibtex(bib.text).entries;
    expect(entries).toHaveLength(1);
    // Every note of the article, selected or not.
    expect(String(entries[0]!.fields.annotation)).toContain(LEFT_OUT);

    await panel.page.getByRole('tab', { name: 'Tags' }).click();
    await panel.page.locator('summary[aria-label="Export the references of #générosité"]').click();
    const tag = panel.page.getByRole('group', { name: 'Export the references of #générosité' });
    const ris = await downloadOf(panel.page, () => tag.getByRole('button', { name: 'RIS' }).click(), dir);
    const records = plugins.input.chainLink(ris.text) as Array<Record<string, unknown>>;
    expect(records.map((r) => r.TI)).toEqual([FR_TITLE]);
    await panel.screenshot('sidepanel-references-tag-en.png');
  });
});

describe('exports for reference managers, in French', () => {
  const browser = useSession({ lang: 'fr' });
  let dir: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers them for the selection, and the BibTeX file keeps French typography', async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-references-'));
    const panel = await libraryPanel(browser);
    await selectNote(panel, CAMUS, 'Sélectionner cette note');
    await panel.page.getByRole('button', { name: 'Exporter, importer' }).click();
    const menu = panel.page.getByRole('dialog', { name: 'Exporter, importer' });
    expect(await menu.getByRole('radio', { name: 'Sélection (1 note)' }).isChecked()).toBe(true);
    await panel.screenshot('sidepanel-references-menu-fr.png');
    const bib = await downloadOf(panel.page, () => menu.getByRole('button', { name: 'BibTeX (biblatex)' }).click(), dir);
    const [entry, ...rest] = parseBibtex(bib.text).entries;
    expect(rest).toEqual([]);
    expect(String(entry!.fields.annotation)).toContain(`«${NNBSP}${CAMUS}${NNBSP}» — Albert Camus`);
    await menu.getByRole('status').filter({ hasText: `Exporté : ${bib.name}` }).waitFor();
  });
});
