/**
 * A project exported as a draft (issue #17), in real Chromium with the built extension: quotes made
 * on two served articles gathered on a board with a heading of the user's, then the board's
 * "Export draft": Markdown downloaded and read back by a real Markdown parser, rich text copied and
 * read from the clipboard by a page (text/html and text/plain), DOCX downloaded and unzipped, its
 * Word footnotes read. The side panel loads neither docx nor the citation engine until asked.
 * English and French, with screenshots.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../support/chromium';
import { pageChunks } from '../support/bundle';
import { JSDOM } from '../support/dom';
import { footnotesById, openDocx, W, wAll, wText } from '../support/docx';
import { footnoteCalls, footnoteDefinitions, paragraphsAfter, renderedMarkdown, textsOf } from '../support/markdown';
import { UI, useSession, type ExtensionBrowser, type WebPage } from './fixtures';
import { ProjectBoard, type BoardLang } from './pages/project-board';
import { DraftExport, EXPORT_WORDS, readRichClipboard } from './pages/project-export';

const NNBSP = '\u202F';
const EN_1 = 'They are describing a habit that never found a place to live.';
const EN_2 = 'The total matters less than the rhythm.';
const FR_1 = 'Le problème ne vient pas des articles.';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verbatim-project-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Saves the passages on their served articles (each as a quote, or a highlight), gathers them in
 * a new project from the side panel in this order, puts `heading` first, and opens the board's
 * exports. Returns the article pages (to read the clipboard from) and the exports.
 */
async function boardOf(browser: ExtensionBrowser, lang: BoardLang, name: string, heading: string, passages: Array<{ page: string; text: string; kind: 'quote' | 'highlight' }>) {
  const pages = new Map<string, WebPage>();
  for (const { page, text, kind } of passages) {
    if (!pages.has(page)) pages.set(page, await browser.open(page));
    await pages.get(page)!.highlight(text, UI.action(kind));
  }
  const panel = await browser.sidePanel();
  await panel.waitForNotes(passages.length);
  const board = new ProjectBoard(panel, lang);
  for (const [i, { text }] of passages.entries()) await board.addFromNotes(text, name, i === 0);
  await board.show();
  await board.open(name);
  await board.waitOrder(passages.map((p) => p.text));
  await board.add('heading', heading);
  for (let i = 0; i < passages.length; i++) await board.press(heading, 'Alt+ArrowUp');
  await board.waitOrder([heading, ...passages.map((p) => p.text)]);
  const exports = new DraftExport(board, EXPORT_WORDS[lang]);
  await exports.open();
  return { pages, panel, exports };
}

describe('project export, in English', () => {
  const browser = useSession({ clipboard: true });
  const NAME = 'Talk on reading habits';

  it('exports the board as Markdown, rich text and DOCX, with a footnote per quote and a bibliography', async () => {
    const { pages, panel, exports } = await boardOf(browser, 'en', NAME, 'Why habits need a place', [
      { page: 'article-en.html', text: EN_1, kind: 'quote' },
      { page: 'article-fr.html', text: FR_1, kind: 'quote' },
      { page: 'article-en.html', text: EN_2, kind: 'quote' },
    ]);

    // Markdown (APA, the default): read back as GitHub renders it.
    const md = renderedMarkdown(readFileSync((await exports.download('markdown', dir)).path, 'utf8'));
    expect(textsOf(md, 'h1')).toEqual([NAME]);
    expect(textsOf(md, 'h2')).toEqual(expect.arrayContaining(['Why habits need a place', 'Bibliography']));
    const quotes = [...md.querySelectorAll('blockquote')].map((q) => q.textContent!);
    expect(quotes).toHaveLength(3);
    [EN_1, FR_1, EN_2].forEach((text, i) => expect(quotes[i]).toContain(text));
    const calls = footnoteCalls(md);
    const definitions = footnoteDefinitions(md);
    expect(calls).toHaveLength(3);
    expect([...definitions.keys()]).toEqual(calls);
    const [first, second, third] = calls.map((id) => definitions.get(id)!);
    expect(first).toMatch(/^Okafor, M\. \(2024, February 11\)\. Ten Pages a Day/u);
    expect(second).toMatch(/^Roux, C\. \(/u);
    expect(third).toBe(first);
    expect(paragraphsAfter(md, 'Bibliography').map((e) => e.slice(0, 7))).toEqual(['Okafor,', 'Roux, C']);

    // Rich text: the clipboard holds HTML and plain text, as a page reads them.
    await exports.copy();
    await panel.page.setViewportSize({ width: 480, height: 900 });
    await panel.screenshot('project-export-en.png');
    const clip = await readRichClipboard(pages.get('article-en.html')!);
    expect(clip.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    const html = new JSDOM(clip.html).window.document;
    expect(textsOf(html, 'h1')).toEqual([NAME]);
    expect([...html.querySelectorAll('blockquote')].map((q) => q.textContent)).toEqual([expect.stringContaining(EN_1), expect.stringContaining(FR_1), expect.stringContaining(EN_2)]);
    expect(textsOf(html, 'blockquote sup')).toEqual(['1', '2', '3']);
    expect(textsOf(html, 'ol > li')).toEqual([expect.stringMatching(/^Okafor, M\./u), expect.stringMatching(/^Roux, C\./u), expect.stringMatching(/^Okafor, M\./u)]);
    expect(html.querySelectorAll('script, img, a')).toHaveLength(0);
    expect(clip.text).toContain(`“${EN_1}” [1]`);
    expect(clip.text).toMatch(/\nBibliography\nOkafor, M\.[^\n]+\nRoux, C\./u);

    // DOCX in another style, picked beside the buttons: Chicago's notes in real Word footnotes.
    await exports.pickStyle('chicago-notes');
    const docx = openDocx(readFileSync((await exports.download('docx', dir)).path));
    const quoted = wAll(docx.document, 'p').filter((p) => wAll(p, 'pStyle')[0]?.getAttributeNS(W, 'val') === 'Quote').map(wText);
    expect(quoted).toEqual([EN_1, FR_1, EN_2]);
    expect(wAll(docx.document, 'footnoteReference').map((r) => r.getAttributeNS(W, 'id'))).toEqual(['1', '2', '3']);
    const notes = footnotesById(docx.footnotes);
    expect([...notes.keys()]).toEqual(['1', '2', '3']);
    expect(wText(notes.get('1')!)).toMatch(/^Maya Okafor, “Ten Pages a Day/u);
    expect(wText(notes.get('2')!)).toMatch(/^Camille Roux, /u);
  });

  it('loads docx and the citation engine only when an export is asked for', () => {
    const { loaded, onDemand } = pageChunks(EXTENSION_DIR, 'sidepanel.html');
    const docx = readdirSync(join(EXTENSION_DIR, 'chunks')).filter((f) => readFileSync(join(EXTENSION_DIR, 'chunks', f), 'utf8').includes('wordprocessingml/2006/main'));
    expect(docx).toHaveLength(1);
    expect(onDemand).toContain(`chunks/${docx[0]}`);
    for (const file of loaded) {
      const code = readFileSync(join(EXTENSION_DIR, file), 'utf8');
      expect(code, file).not.toContain('wordprocessingml/2006/main');
      expect(code, file).not.toContain('Engine.prototype.makeCitationCluster');
    }
  });
});

describe('project export, in French', () => {
  const browser = useSession({ lang: 'fr', clipboard: true });
  const NAME = 'Conférence marketing de contenu';

  it('writes the draft in French: « » around a highlight, French citations and headings', async () => {
    const { panel, exports } = await boardOf(browser, 'fr', NAME, 'Ouverture', [
      { page: 'article-fr.html', text: FR_1, kind: 'highlight' },
      { page: 'article-en.html', text: EN_1, kind: 'quote' },
    ]);
    const { download, path } = await exports.download('markdown', dir);
    expect(download.suggestedFilename()).toBe(`${NAME}.md`);
    await panel.page.setViewportSize({ width: 480, height: 900 });
    await panel.screenshot('project-export-fr.png');
    const md = renderedMarkdown(readFileSync(path, 'utf8'));
    expect(textsOf(md, 'body > p')).toContain(`«${NNBSP}${FR_1}${NNBSP}»1`);
    expect(textsOf(md, 'h2')).toEqual(expect.arrayContaining(['Ouverture', 'Bibliographie']));
    const definitions = footnoteDefinitions(md);
    expect(definitions.size).toBe(2);
    expect(definitions.get(footnoteCalls(md)[1]!)).toMatch(/^Okafor, M\. \(2024, 11 février\)/u);
  });
});
