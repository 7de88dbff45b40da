import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { UI, useSession, WebPage } from './fixtures';

/**
 * Notes follow their article (issue #14): made on a canonical page, they show on its AMP page, on
 * a copy of another site once the user links it, and an orphan is attached again by selecting its
 * passage. Real Chromium, the built extension, served pages, the user's own mouse.
 */

const FIRST = 'The fishing boats leave before the light comes up over the breakwater.';
const SECOND = 'Nobody on the quay speaks until the last engine has faded.';
const THIRD = 'By six the gulls have the harbour to themselves again.';

const story = (head: string, paragraphs = [FIRST, SECOND, THIRD]) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The harbour at dawn</title>${head}</head>` +
  `<body style="font: 18px/1.6 serif; max-width: 640px; margin: 40px auto"><article><h1>The harbour at dawn</h1>` +
  `${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;

/** Lets the in-page UI finish fading in before a screenshot. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('notes follow their article', () => {
  const browser = useSession({
    pages: {
      // The canonical page names its AMP version; the AMP page names its canonical.
      'story.html': story('<link rel="canonical" href="/story.html"><link rel="amphtml" href="/story-amp.html">'),
      'story-amp.html': story('<link rel="canonical" href="/story.html"><style>body { background: #fafafa; }</style>'),
      // Another site's copy (another origin: localhost, not 127.0.0.1) claiming the original.
      'copy.html': '',
      'rewritten.html': story('', [FIRST, SECOND, THIRD]),
    },
  });

  /** Opens a served page at another origin than the session's (localhost for 127.0.0.1). */
  async function openElsewhere(path: string): Promise<WebPage> {
    const page = new WebPage(await browser.session.context.newPage(), browser.session);
    await page.page.goto(`${browser.origin.replace('127.0.0.1', 'localhost')}/${path}`);
    await page.waitForVerbatim();
    return page;
  }

  it('made on the canonical page, they show on its AMP page, and on another site’s copy once the user says so', async () => {
    browser.serve('copy.html', story(`<link rel="canonical" href="${browser.origin}/story.html"><meta property="og:url" content="${browser.origin}/story.html">`));
    const canonical = await browser.open('story.html');
    await canonical.highlight(SECOND);
    await canonical.close();

    // The AMP page: drawn as soon as it loads (the background finds it through the article).
    const amp = await browser.open('story-amp.html');
    await amp.waitDrawn(SECOND);
    const ampPopup = await browser.popup(amp);
    const shown = ampPopup.page.locator('section.other-addresses');
    await shown.waitFor({ timeout: 10_000 });
    expect(await shown.getByRole('heading').textContent()).toBe('Notes saved on another address of this article (1)');
    expect(await shown.textContent()).toContain('They show on this page wherever their passage is found.');
    await ampPopup.close();
    await amp.close();

    // Another site's copy claims to be the article: nothing of the user's notes reaches it by itself.
    const copy = await openElsewhere('copy.html');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await copy.drawnTexts()).toEqual([]);
    const popup = await browser.popup(copy);
    const notice = popup.page.locator('section.other-addresses');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getByRole('heading').textContent()).toBe('Notes saved on another address of this article (1)');
    expect(await notice.locator('.note-text').allTextContents()).toEqual([SECOND]);
    expect(await notice.textContent()).toContain('Its notes are not shown on this page unless you choose to.');
    await popup.screenshot('popup-other-address-en.png');

    // The user links them: drawn on the copy at once, and again after a reload.
    await notice.getByRole('button', { name: 'Show them on this page' }).click();
    await copy.waitDrawn(SECOND);
    await waitFor(async () => (await notice.getByRole('button', { name: 'Show them on this page' }).count()) === 0, 5000, 'the notice says they show');
    await popup.close();
    await copy.reload();
    await copy.waitDrawn(SECOND);
    await copy.close();
  });

  it('they show on another path of the same site that names the article as its canonical or its og:url, as soon as it loads', async () => {
    // The canonical page has SECOND since the first test; these two pages were never seen before.
    browser.serve('story-print.html', story('<link rel="canonical" href="/story.html">'));
    browser.serve('story-share.html', story(`<meta property="og:url" content="${browser.origin}/story.html">`));
    for (const path of ['story-print.html', 'story-share.html']) {
      const page = await browser.open(path);
      await page.waitDrawn(SECOND);
      expect(await page.drawnTexts()).toEqual([SECOND]);
      await page.close();
    }
  });

  it('an orphan is attached again by selecting its passage and choosing Attach here; it stays after a reload', async () => {
    const page = await browser.open('rewritten.html');
    await page.highlight(FIRST);
    await page.highlight(THIRD);

    // The site rewrites both sentences: their notes are orphans now.
    const NEW_FIRST = 'Trawlers head out while it is still dark, their engines kept low.';
    const NEW_THIRD = 'Later, only seabirds remain on the empty slipway.';
    browser.serve('rewritten.html', story('', [NEW_FIRST, SECOND, NEW_THIRD]));
    await page.reload();
    const mine = async () => (await browser.rows('notes')).filter((n) => String(n.url).endsWith('/rewritten.html'));
    await waitFor(async () => (await mine()).every((n) => n.orphanedAt !== undefined), 15_000, 'both notes orphaned');
    expect(await page.drawnTexts()).toEqual([]);

    // Opening an orphan from the side panel says it is missing, in the page and on its row.
    const panel = await browser.sidePanel();
    await panel.note(FIRST).waitFor({ timeout: 10_000 });
    await panel.note(FIRST).getByRole('button', { name: 'Open at passage' }).click();
    await panel.note(FIRST).getByText('Passage not found on the page.', { exact: false }).waitFor({ timeout: 20_000 });
    await page.bringToFront();
    await page.waitShown(UI.message, 'the page says the passage is missing');
    expect(await page.ui(UI.message)).toMatchObject({ html: expect.stringContaining('choose Attach here') });
    await page.screenshot('page-passage-missing-en.png');
    await panel.close();

    // The user selects the new sentence: the toolbar offers Attach here, then which note.
    await page.selectForToolbar(NEW_FIRST, 'button[data-action="attach"]');
    await settle();
    await page.screenshot('page-attach-toolbar-en.png');
    await page.press('button[data-action="attach"]');
    await page.waitShown('.attach', 'the list of missing notes');
    await settle();
    await page.screenshot('page-attach-picker-en.png');
    const options = await page.ui('.attach-list');
    expect(options?.html).toContain(FIRST);
    expect(options?.html).toContain(THIRD);
    const ids = (await mine()).sort((a, b) => Number(a.createdAt) - Number(b.createdAt)).map((n) => n.id as string);
    await page.press(`.attach-option[data-note-id="${ids[0]}"]`);
    await page.waitDrawn(NEW_FIRST);

    const stored = (await mine()).find((n) => n.id === ids[0])!;
    expect(stored.exact).toBe(NEW_FIRST);
    expect(stored).not.toHaveProperty('orphanedAt');
    await page.reload();
    await page.waitDrawn(NEW_FIRST);
    expect(await page.drawnTexts()).toEqual([NEW_FIRST]);
  });
});

describe('notes follow their article, in French', () => {
  const browser = useSession({
    lang: 'fr',
    pages: { 'recit.html': story('<link rel="canonical" href="/recit.html">'), 'copie.html': '' },
  });

  it('says in French that notes were saved at another address, and what to do', async () => {
    browser.serve('copie.html', story(`<link rel="canonical" href="${browser.origin}/recit.html">`));
    const original = await browser.open('recit.html');
    await original.highlight(THIRD);
    await original.close();
    const copy = new WebPage(await browser.session.context.newPage(), browser.session);
    await copy.page.goto(`${browser.origin.replace('127.0.0.1', 'localhost')}/copie.html`);
    await copy.waitForVerbatim();
    const popup = await browser.popup(copy);
    const notice = popup.page.locator('section.other-addresses');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getByRole('heading').textContent()).toBe('Notes enregistrées à une autre adresse de cet article (1)');
    await notice.getByRole('button', { name: 'Les afficher sur cette page' }).waitFor();
    await popup.screenshot('popup-other-address-fr.png');
  });
});
