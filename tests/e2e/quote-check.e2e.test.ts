/**
 * Checking quotes against their sources (issue #17), in real Chromium: three quotes made on a
 * served article by real drags and gathered in a project; the site then edits the article (one
 * word changed in one quote's passage, another quote's paragraph removed, the third left alone);
 * "Check quotes" on the project's board (and again from the side panel's and the popup's bulk bars) reloads the page in a background tab and says what became of each, the changed word
 * shown, and keeps each check with its date on the note. A source that answers 404 is "could
 * not load", not "gone". English and French.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { UI, useSession, type Row } from './fixtures';
import { addInPicker, ProjectBoard } from './pages/project-board';
import type { SidePanel } from './pages/side-panel';

interface Case {
  lang: 'en' | 'fr';
  /** The browser's language. */
  locale: string;
  file: string;
  title: string;
  paragraphs: string[];
  /** The quote left as it was (in the first paragraph). */
  same: string;
  /** The quote whose paragraph (the second) has one word changed: `word` becomes `replacement`. */
  reworded: string;
  word: string;
  replacement: string;
  /** The quote whose paragraph (the third) is removed. */
  gone: string;
  /** What the page says for each outcome, and "could not load" for a page answering 404. */
  says: { same: string; reworded: string; gone: string; http404: string; checkedOn: string; removed: string; added: string };
}

const CASES: Case[] = [
  {
    lang: 'en',
    locale: 'en-US',
    file: 'check-en.html',
    title: 'Listening to customers',
    paragraphs: [
      'Customer service is a conversation, not a transaction. Every message a customer sends is a chance to learn something about the product.',
      'The companies that listen to their customers grow faster than those that merely answer them, because listening turns every complaint into a lesson.',
      'Trust takes years to build and seconds to break, which is why the first reply matters more than the tenth.',
      'A last paragraph about something else entirely, with no quote in it.',
    ],
    same: 'Customer service is a conversation, not a transaction.',
    reworded: 'listen to their customers grow faster than those that merely answer them',
    word: 'faster',
    replacement: 'quicker',
    gone: 'Trust takes years to build and seconds to break',
    says: { same: 'Still there, word for word', reworded: 'Reworded on the page', gone: 'Gone from the page', http404: 'the server answered 404', checkedOn: 'Checked on', removed: 'removed:', added: 'added:' },
  },
  {
    lang: 'fr',
    locale: 'fr',
    file: 'check-fr.html',
    title: 'Écouter ses clients',
    paragraphs: [
      'La relation client est une conversation, pas une transaction. Chaque message d’un client est l’occasion d’apprendre quelque chose sur le produit.',
      'Les entreprises qui écoutent leurs clients grandissent plus vite que celles qui se contentent de leur répondre, car l’écoute fait de chaque plainte une leçon.',
      'La confiance met des années à se construire et quelques secondes à se briser\u202f; c’est pourquoi la première réponse compte plus que la dixième.',
      'Un dernier paragraphe sur tout autre chose, sans citation.',
    ],
    same: 'La relation client est une conversation, pas une transaction.',
    reworded: 'écoutent leurs clients grandissent plus vite que celles qui se contentent de leur répondre',
    word: 'vite',
    replacement: 'rapidement',
    gone: 'La confiance met des années à se construire et quelques secondes à se briser',
    says: { same: 'Toujours là, mot pour mot', reworded: 'Reformulé sur la page', gone: 'Disparu de la page', http404: 'le serveur a répondu 404', checkedOn: 'Vérifié le', removed: 'supprimé\u202f:', added: 'ajouté\u202f:' },
  },
];

const page = (c: Case, paragraphs: string[]) =>
  `<!doctype html><html lang="${c.lang}"><head><meta charset="utf-8"><title>${c.title}</title></head><body><article><h1>${c.title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

/** The article as the site edits it later: one word changed in the second paragraph, the third removed. */
const edited = (c: Case) => page(c, [c.paragraphs[0]!, c.paragraphs[1]!.replace(c.word, c.replacement), c.paragraphs[3]!]);

const DELETED = 'A passage of a page since deleted';

/** Runs the check shown in `check` and waits until every source was read. */
async function runCheck(check: Locator): Promise<void> {
  await check.locator('[data-action="check"]').click();
  await waitFor(
    async () => (await check.locator('.quote-check-item[data-outcome="pending"]').count()) === 0 && (await check.getAttribute('aria-busy')) !== 'true',
    60_000,
    'every source read',
  );
}

/** What the check says of each passage: the three outcomes, the word changed struck and marked, and the page answering 404. */
async function expectOutcomes(check: Locator, c: Case): Promise<void> {
  const row = (quote: string) => check.locator('.quote-check-item', { hasText: quote });
  expect(await row(c.same).getAttribute('data-outcome')).toBe('same');
  expect(await row(c.same).locator('.quote-check-outcome').textContent()).toContain(c.says.same);
  const reworded = check.locator('.quote-check-item[data-outcome="reworded"]');
  expect(await reworded.count()).toBe(1);
  expect(await reworded.locator('.quote-check-outcome').textContent()).toContain(c.says.reworded);
  // Struck and marked, each named for screen readers.
  expect(await reworded.locator('del').allTextContents()).toEqual([`${c.says.removed} ${c.word}`]);
  expect(await reworded.locator('ins').allTextContents()).toEqual([`${c.says.added} ${c.replacement}`]);
  expect(await row(c.gone).getAttribute('data-outcome')).toBe('gone');
  expect(await row(c.gone).locator('.quote-check-outcome').textContent()).toContain(c.says.gone);
  expect(await row(DELETED).getAttribute('data-outcome')).toBe('unreachable');
  expect(await row(DELETED).locator('.quote-check-outcome').textContent()).toContain(c.says.http404);
}

describe.each(CASES)('checking quotes against their sources ($lang)', (c) => {
  const browser = useSession({ lang: c.locale, pages: { [c.file]: page(c, c.paragraphs) } });
  const project = c.lang === 'en' ? 'Talk on trust' : 'Conférence relation client';
  let panel: SidePanel;

  /** Each passage's stored check, by its words. */
  async function storedChecks() {
    const notes = await browser.rows('notes');
    return new Map(notes.map((n) => [n.exact as string, n.check as { at: number; outcome: string; found?: string } | undefined]));
  }

  beforeAll(async () => {
    const article = await browser.open(c.file);
    for (const quote of [c.same, c.reworded, c.gone]) await article.highlight(quote, UI.action('quote'));
    await article.close();
    // A fourth passage, on a page of the site that no longer exists.
    await browser.put('notes', {
      id: `00000000-0000-4000-8000-00000000040${c.lang === 'en' ? 1 : 2}`,
      url: `${browser.origin}/removed-${c.lang}.html`,
      kind: 'quote',
      color: 'yellow',
      exact: DELETED,
      selectors: [{ type: 'TextQuoteSelector', exact: DELETED }],
      note: '',
      tags: [],
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    } satisfies Row);
    // The site edits its article: one word changed in one quote's paragraph, another quote's paragraph removed.
    browser.serve(c.file, edited(c));
    panel = await browser.sidePanel();
    await panel.page.setViewportSize({ width: 460, height: 1100 });
    await panel.waitForNotes(4);
  });

  it('checks a project’s quotes from its board: unchanged, reworded (the word shown), gone, could not load; each check kept with its date', async () => {
    // The four notes gathered in a project.
    for (const quote of [c.same, c.reworded, c.gone, DELETED]) await panel.note(quote).locator('.note-select').check();
    await panel.page.locator('.bulk-bar [data-bulk="project"]').click();
    await addInPicker(panel.page.locator('.bulk-bar .add-to-project'), project, true);
    await panel.page.locator('.bulk-bar > .link-button:not([data-bulk])').click();
    const board = new ProjectBoard(panel, c.lang);
    await board.show();
    await board.open(project);

    await panel.page.locator('[data-testid="project-tools"] [data-action="check-quotes"]').click();
    const check = panel.page.locator('.project-board .quote-check');
    const started = Date.now();
    await runCheck(check);
    // Every source tab is closed again.
    expect(browser.session.context.pages().map((p) => p.url()).filter((u) => u.startsWith(browser.origin))).toEqual([]);
    await expectOutcomes(check, c);

    // What each note keeps: the check and its date; nothing for the page that could not be loaded.
    const stored = await storedChecks();
    for (const [quote, outcome] of [
      [c.same, 'same'],
      [c.reworded, 'reworded'],
      [c.gone, 'gone'],
    ] as const) {
      expect(stored.get(quote)?.outcome).toBe(outcome);
      expect(stored.get(quote)!.at).toBeGreaterThanOrEqual(started);
      expect(stored.get(quote)!.at).toBeLessThanOrEqual(Date.now());
    }
    expect(stored.get(c.reworded)?.found).toBe(c.reworded.replace(c.word, c.replacement));
    expect(stored.get(DELETED)).toBeUndefined();
    // The board says it on each note too.
    expect(await board.item(c.same).locator('.note-check').textContent()).toContain(c.says.checkedOn);
    expect(await board.item(DELETED).locator('.note-check').count()).toBe(0);
    await panel.screenshot(`quote-check-${c.lang}.png`, { fullPage: true });
  });

  it('checks selected notes again from the bulk bar, and the notes list says when each was checked', async () => {
    const before = await storedChecks();
    await panel.page.getByRole('tab', { name: 'Notes' }).click();
    await panel.waitForNotes(4);
    for (const quote of [c.same, c.reworded, c.gone, DELETED]) await panel.note(quote).locator('.note-select').check();
    await panel.page.locator('.bulk-bar [data-bulk="check"]').click();
    const check = panel.page.locator('.bulk-bar .quote-check');
    await runCheck(check);
    await expectOutcomes(check, c);
    const after = await storedChecks();
    for (const quote of [c.same, c.reworded, c.gone]) expect(after.get(quote)!.at).toBeGreaterThan(before.get(quote)!.at);
    await panel.screenshot(`quote-check-bulk-${c.lang}.png`, { fullPage: true });

    await panel.page.locator('.bulk-bar > .link-button:not([data-bulk])').click();
    await waitFor(async () => (await panel.page.locator('.bulk-bar').count()) === 0, 5000, 'the selection cleared');
    expect(await panel.note(c.same).locator('.note-check').textContent()).toContain(c.says.checkedOn);
    expect(await panel.note(c.gone).locator('.note-check').getAttribute('data-check')).toBe('gone');
    expect(await panel.note(DELETED).locator('.note-check').count()).toBe(0);
    await panel.screenshot(`quote-check-list-${c.lang}.png`);
  });

  it('checks the page’s quotes from the popup’s bulk bar, those the page lost included', async () => {
    const article = await browser.open(c.file);
    const popup = await browser.popup(article);
    // The unchanged quote is found on the page; the other two are listed as lost.
    await popup.note(c.same).waitFor();
    for (const quote of [c.same, c.reworded, c.gone]) await popup.note(quote).locator('input.note-select').check();
    await popup.page.locator('.bulk-bar [data-bulk="check"]').click();
    const check = popup.page.locator('.bulk-bar .quote-check');
    await runCheck(check);
    const row = (quote: string) => check.locator('.quote-check-item', { hasText: quote });
    expect(await row(c.same).getAttribute('data-outcome')).toBe('same');
    expect(await check.locator('.quote-check-item[data-outcome="reworded"] ins').allTextContents()).toEqual([`${c.says.added} ${c.replacement}`]);
    expect(await row(c.gone).getAttribute('data-outcome')).toBe('gone');
    await popup.screenshot(`quote-check-popup-${c.lang}.png`, { fullPage: true });
    await popup.close();
    await article.close();
  });
});
