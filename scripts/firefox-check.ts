/**
 * Issue #3: does drawing (CSS Custom Highlight API from a content script) work in a real Firefox,
 * and does the rest of the extension? Drives Firefox ESR over WebDriver BiDi (puppeteer-core)
 * with the built Firefox package installed as a temporary add-on, on the sample article:
 *
 *   a. the content script loads, and which drawing path it takes (`CSS.highlights` or the
 *      `verbatim-mark` fallback), and whether a drawn passage is really painted;
 *   b. mouse selection → the in-page toolbar (in its closed shadow root) → Highlight, and
 *      selection → `Q` key → Quote; reload → drawn again at the same place (messaging, Dexie in
 *      the background page, anchoring through `locateText`);
 *   c. popup.html?tab=<id> and sidepanel.html list the notes.
 *
 * Run: npm run check:firefox (builds .output/firefox-mv2 first). FIREFOX_PATH picks the binary
 * (default /usr/bin/firefox-esr). Screenshots: tests/e2e/__screenshots__/firefox-*.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { serveDir } from './static-server.mjs';
import { drag, selectionPoints } from '../tests/e2e/drag';
import { heardKeys, listenForKeys } from '../tests/e2e/ear';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv2');
const SCREENSHOTS = join(ROOT, 'tests', 'e2e', '__screenshots__');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on id from wxt.config.ts, and the moz-extension:// host we pin it to. */
const ADDON_ID = 'verbatim@verbatim.invalid';
const UUID = '5e1ec7ed-0000-4000-8000-00000000f1f0';
const EXT = `moz-extension://${UUID}`;

const FIRST = 'It needs a small, repeatable slot that survives an ordinary Tuesday.';
const SECOND = 'The format matters far less than having something ready when the gap appears.';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The raw WebDriver BiDi connection under puppeteer's Firefox browser (not in its public types). */
interface Bidi {
  send(method: string, params: object): Promise<{ result: any }>;
}
const bidi = (browser: Browser) => (browser as unknown as { connection: Bidi }).connection;
const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
}

interface DrawnPassage {
  name: string;
  text: string;
  /** Document coordinates of the passage's first box. */
  x: number;
  y: number;
}

/** What Verbatim drew on the page, read from the page's own realm. */
function drawn(page: Page) {
  return page.evaluate(() => {
    const box = (r: Range) => {
      const b = r.getClientRects()[0] ?? r.getBoundingClientRect();
      return { x: Math.round(b.left + scrollX), y: Math.round(b.top + scrollY) };
    };
    const highlights: Array<{ name: string; text: string; x: number; y: number }> = [];
    if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
      CSS.highlights.forEach((h, name) => {
        if (name.startsWith('verbatim-')) h.forEach((r) => highlights.push({ name, text: (r as Range).toString(), ...box(r as Range) }));
      });
    }
    // The fallback: one element per text node; a passage's marks are consecutive.
    const marks = [...document.querySelectorAll('verbatim-mark')].map((m) => {
      const r = document.createRange();
      r.selectNodeContents(m);
      return { name: 'verbatim-mark', text: m.textContent ?? '', ...box(r) };
    });
    return { highlights, marks, styles: !!document.getElementById('verbatim-highlight-styles') };
  });
}

/** All drawn passages, whichever path drew them (fallback marks of one passage are joined). */
async function drawnPassages(page: Page): Promise<DrawnPassage[]> {
  const d = await drawn(page);
  if (d.highlights.length) return d.highlights;
  const out: DrawnPassage[] = [];
  for (const m of d.marks) {
    const prev = out[out.length - 1];
    if (prev && (prev.text + m.text).length <= Math.max(FIRST.length, SECOND.length) && !isWhole(prev.text)) prev.text += m.text;
    else out.push({ ...m });
  }
  return out;
}
const isWhole = (t: string) => t === FIRST || t === SECOND;

/**
 * A box inside Verbatim's closed shadow root. Page scripts cannot reach into it; WebDriver
 * BiDi can (`includeShadowTree: "all"` serialises closed roots), then the root is passed back.
 */
/** A point inside a passage of the page (its 11th character), scrolled into view: a click there opens its card. */
async function pointInPassage(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((text: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(text);
      if (at < 0) continue;
      (n.parentElement as Element).scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, at + 10);
      r.setEnd(n, at + 11);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`passage not found: ${text}`);
  return point;
}

async function shadowBox(browser: Browser, page: Page, selector: string) {
  const context = contextOf(page);
  const host = await bidi(browser).send('script.evaluate', {
    expression: 'document.querySelector("verbatim-ui[data-verbatim-ui]")',
    target: { context },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const root = host.result?.result?.value?.shadowRoot as { sharedId: string; value?: { mode?: string } } | null | undefined;
  if (!root) return null;
  const found = await bidi(browser).send('script.callFunction', {
    functionDeclaration: String((root: ShadowRoot, sel: string) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return JSON.stringify({ x: r.x, y: r.y, width: r.width, height: r.height, visible: r.width > 0 && r.height > 0 });
    }),
    arguments: [{ sharedId: root.sharedId }, { type: 'string', value: selector }],
    target: { context },
    awaitPromise: false,
  });
  const value = found.result?.result?.value as string | undefined;
  if (!value) return null;
  return { ...(JSON.parse(value) as { x: number; y: number; width: number; height: number; visible: boolean }), mode: root.value?.mode };
}

/** A reader's selection: a mouse drag from the passage's first character to its last. */
async function dragSelect(page: Page, text: string) {
  await drag(page.mouse, await page.evaluate(selectionPoints, { text, occurrence: 0 }), text);
}

/** The on-screen box of a passage (viewport coordinates), for a before/after paint comparison. */
function passageClip(page: Page, text: string) {
  return page.evaluate((text: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(text);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + text.length);
      const b = r.getBoundingClientRect();
      return { x: Math.floor(b.left), y: Math.floor(b.top + scrollY), width: Math.ceil(b.width), height: Math.ceil(b.height) };
    }
    return null;
  }, text);
}

/** Navigates a tab over raw BiDi (puppeteer's goto never settles on moz-extension:// pages). */
async function navigate(browser: Browser, page: Page, url: string) {
  await bidi(browser).send('browsingContext.navigate', { context: contextOf(page), url, wait: 'complete' });
}

export async function main(): Promise<string> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No Firefox build in ${EXTENSION_DIR}: run \`npx wxt build -b firefox\`.`);
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: apt-get install firefox-esr (or set FIREFOX_PATH)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const checks: Check[] = [];
  const record = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    console.error(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const attempt = async (name: string, run: () => Promise<string>) => {
    try {
      record(name, true, await run());
      return true;
    } catch (e) {
      record(name, false, (e as Error).message.split('\n')[0]!.slice(0, 300));
      return false;
    }
  };
  const errors: string[] = [];
  const server = await serveDir(join(ROOT, 'tests', 'fixtures'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    // Lets WebDriver BiDi navigate tabs to moz-extension:// pages (popup, side panel).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // A fixed moz-extension:// host for the temporary add-on (otherwise a random UUID).
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'intl.locale.requested': 'en-US',
      'intl.accept_languages': 'en-US, en',
    },
  });
  let version = '?';
  try {
    version = await browser.version();
    // Unsigned add-ons install as temporary ones (about:debugging's "Load Temporary Add-on").
    const installed = await browser.installExtension(EXTENSION_DIR);
    record('temporary add-on installed (webExtension.install)', installed === ADDON_ID, installed);

    const article = await browser.newPage();
    article.on('pageerror', (e) => errors.push(`page: ${String(e)}`));
    const url = `${server.origin}/article-en.html`;
    await article.goto(url);

    const loaded = await attempt('a. content script loads (UI host mounted)', async () => {
      await waitFor(() => article.evaluate(() => !!document.querySelector('verbatim-ui[data-verbatim-ui]')), 'verbatim-ui');
      const root = await waitFor(async () => {
        const host = await bidi(browser).send('script.evaluate', {
          expression: 'document.querySelector("verbatim-ui")',
          target: { context: contextOf(article) },
          awaitPromise: false,
          serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
        });
        return host.result?.result?.value?.shadowRoot?.value?.mode as string | undefined;
      }, 'the shadow root');
      return `<verbatim-ui> with a ${root} shadow root`;
    });

    let path = 'unknown';
    if (loaded) {
      const before = await passageClip(article, FIRST);
      await article.evaluate(() => scrollTo(0, 0));
      const baseline = before && (await article.screenshot({ clip: before, encoding: 'base64' }));

      const toolbar = await attempt('b. mouse selection shows the toolbar', async () => {
        await dragSelect(article, FIRST);
        const box = await waitFor(() => shadowBox(browser, article, 'button[data-action="highlight"]'), 'the toolbar');
        await sleep(300); // its fade-in
        await article.screenshot({ path: join(SCREENSHOTS, 'firefox-toolbar.png') });
        return `Highlight button at (${Math.round(box.x)}, ${Math.round(box.y)}), ${Math.round(box.width)}×${Math.round(box.height)} px`;
      });
      if (toolbar) {
        await attempt('b. toolbar click "Highlight" → drawn', async () => {
          const box = (await shadowBox(browser, article, 'button[data-action="highlight"]'))!;
          await article.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          const d = await waitFor(async () => {
            const p = await drawnPassages(article);
            return p.some((x) => x.text === FIRST) && p;
          }, 'the highlight drawn');
          const toolbarGone = !(await shadowBox(browser, article, 'button[data-action="highlight"]'));
          const collapsed = await article.evaluate(() => document.getSelection()?.isCollapsed ?? true);
          if (!toolbarGone || !collapsed) throw new Error(`drawn, but toolbar still up: ${!toolbarGone}, selection kept: ${!collapsed}`);
          return `${d.find((x) => x.text === FIRST)!.name}`;
        });
      }

      await attempt('a. drawing path from the content script', async () => {
        const d = await drawn(article);
        if (d.highlights.length) path = 'CSS Custom Highlight API';
        else if (d.marks.length) path = 'fallback <verbatim-mark> elements';
        else throw new Error('nothing drawn');
        const probe = await article.evaluate(() => [typeof Highlight, typeof CSS !== 'undefined' && 'highlights' in CSS].join(', '));
        return `${path} (page's CSS.highlights: ${d.highlights.length} ranges, marks: ${d.marks.length}, ::highlight styles: ${d.styles}; page realm typeof Highlight, CSS.highlights: ${probe})`;
      });

      if (before && baseline) {
        await attempt('a. the drawn passage is painted (pixels changed)', async () => {
          await article.evaluate(() => scrollTo(0, 0));
          await sleep(200);
          const after = await article.screenshot({ clip: before, encoding: 'base64' });
          if (after === baseline) throw new Error('the passage looks the same as before it was highlighted');
          return `clip ${before.width}×${before.height} at y=${before.y} differs from the unhighlighted baseline`;
        });
      }

      await attempt('b. selection + "Q" key → quote drawn', async () => {
        await dragSelect(article, SECOND);
        await waitFor(() => shadowBox(browser, article, 'button[data-action="quote"]'), 'the toolbar');
        await sleep(300);
        await article.keyboard.press('q');
        const p = await waitFor(async () => {
          const p = await drawnPassages(article);
          return p.some((x) => x.text === SECOND) && p;
        }, 'the quote drawn');
        await article.evaluate(() => scrollTo(0, 0));
        await sleep(200);
        await article.screenshot({ path: join(SCREENSHOTS, 'firefox-highlights.png'), fullPage: true });
        return p.find((x) => x.text === SECOND)!.name;
      });

      await attempt('b. click on a drawn passage opens its card', async () => {
        const point = await pointInPassage(article, FIRST);
        await article.mouse.click(point.x, point.y);
        const card = await waitFor(() => shadowBox(browser, article, '.card'), 'the card');
        await sleep(300);
        await article.screenshot({ path: join(SCREENSHOTS, 'firefox-card.png') });
        await article.keyboard.press('Escape');
        await waitFor(async () => !(await shadowBox(browser, article, '.card')), 'the card to close', 3000);
        return `card ${Math.round(card.width)}×${Math.round(card.height)} px (caretPositionFromPoint hit-test); Escape closes it`;
      });

      await attempt('b. the card’s note editor (an extension frame) saves what is typed, unheard by the page', async () => {
        await article.evaluate(listenForKeys);
        const openCard = async () => {
          const at = await pointInPassage(article, FIRST);
          await article.mouse.click(at.x, at.y);
          await waitFor(() => shadowBox(browser, article, '.card'), 'the card');
          return waitFor(async () => {
            // WebDriver BiDi leaves an extension frame's URL at about:blank here: take the child
            // frame that holds the editor's field.
            for (const frame of article.frames()) {
              if (frame === article.mainFrame()) continue;
              const field = await frame.$('textarea.note-field').catch((e) => (console.log('ERR', String(e)), null));
              if (field) return frame;
            }
            return null;
          }, 'the editor frame');
        };
        let frame = await openCard();
        await (await frame.$('textarea.note-field'))!.click();
        await article.keyboard.type('Noté dans Firefox');
        await sleep(300);
        await article.keyboard.press('Escape');
        await waitFor(async () => !(await shadowBox(browser, article, '.card')), 'the card to close', 3000);
        frame = await openCard();
        const value = await waitFor(async () => {
          const v = await frame.$eval('textarea.note-field', (el) => (el as HTMLTextAreaElement).value);
          return v === 'Noté dans Firefox' && v;
        }, 'the saved note in the reopened card');
        const heard = await article.evaluate(heardKeys);
        if (heard.includes('Firefox') || heard.includes('N')) throw new Error(`the page heard: ${heard}`);
        await article.keyboard.press('Escape');
        return `typed in the frame, saved, read back on reopening: “${value}”; the page heard ${heard ? `“${heard}”` : 'nothing'}`;
      });

      const saved = (await drawnPassages(article)).sort((a, b) => a.y - b.y);
      await attempt('b. reload → drawn again at the same place', async () => {
        if (saved.length < 1) throw new Error('nothing was saved');
        await article.reload();
        const again = await waitFor(async () => {
          const p = await drawnPassages(article);
          return p.length >= saved.length && p;
        }, 'the passages redrawn', 15_000);
        again.sort((a, b) => a.y - b.y);
        const same = JSON.stringify(again.map((p) => [p.name, p.text, p.x, p.y])) === JSON.stringify(saved.map((p) => [p.name, p.text, p.x, p.y]));
        if (!same) throw new Error(`before ${JSON.stringify(saved)}, after ${JSON.stringify(again)}`);
        await article.evaluate(() => scrollTo(0, 0));
        await sleep(200);
        await article.screenshot({ path: join(SCREENSHOTS, 'firefox-reload.png'), fullPage: true });
        // A close-up of the quote: its ::highlight style has an underline as well as a background.
        const quote = await passageClip(article, SECOND);
        if (quote) await article.screenshot({ path: join(SCREENSHOTS, 'firefox-quote.png'), clip: { ...quote, x: quote.x - 4, y: quote.y - 4, width: quote.width + 8, height: quote.height + 8 } });
        return `${again.length} passages, same text, colour/kind and position (${again.map((p) => `y=${p.y}`).join(', ')})`;
      });
    }

    // Extension pages, as tabs. The tab id comes from the extension's own tabs API.
    const ext = await browser.newPage();
    ext.on('pageerror', (e) => errors.push(`extension page: ${String(e)}`));
    await navigate(browser, ext, `${EXT}/popup.html`);
    const tabId = await ext.evaluate(async (u: string) => {
      const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).browser;
      return (await api.tabs.query({})).find((t) => t.url === u)?.id;
    }, url);
    await attempt(`c. popup.html?tab=${tabId} lists the notes`, async () => {
      if (tabId === undefined) throw new Error('no tab id for the article');
      await navigate(browser, ext, `${EXT}/popup.html?tab=${tabId}`);
      const texts = await waitFor(async () => {
        const t = await ext.evaluate(() => [...document.querySelectorAll('li.note')].map((n) => n.querySelector('.note-text')?.textContent ?? ''));
        return t.length >= 2 && t;
      }, 'two notes in the popup');
      await sleep(300);
      await ext.screenshot({ path: join(SCREENSHOTS, 'firefox-popup.png') });
      if (texts[0] !== FIRST) throw new Error(`notes: ${JSON.stringify(texts)}`);
      return `${texts.length} notes, in reading order`;
    });
    await attempt('c. popup "Clip article" (the tab\'s content script extracts it)', async () => {
      if (tabId === undefined) throw new Error('no tab id for the article');
      const clicked = await ext.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clip article');
        button?.click();
        return !!button;
      });
      if (!clicked) throw new Error('no "Clip article" button');
      const summary = await waitFor(
        () => ext.evaluate(() => document.querySelector('[data-testid="article-summary"]')?.textContent ?? ''),
        'the article summary',
        15_000,
      ).catch(async (e: Error) => {
        const notice = await ext.evaluate(() => document.querySelector('.notice')?.textContent ?? '');
        // What the tab's content script answers when asked directly (the popup's own call).
        const direct = await ext.evaluate(async (tab: number) => {
          const api = (globalThis as unknown as { browser: { tabs: { sendMessage(id: number, m: unknown, o: object): Promise<unknown> } } }).browser;
          try {
            const reply = await api.tabs.sendMessage(tab, { verbatim: 1, type: 'extractArticle', payload: {} }, { frameId: 0 });
            return JSON.stringify(reply).slice(0, 300);
          } catch (err) {
            return `threw: ${String(err)}`;
          }
        }, tabId);
        await ext.screenshot({ path: join(SCREENSHOTS, 'firefox-popup-clipped.png') });
        throw new Error(`${e.message}; popup says: ${notice || '(nothing)'}; direct extractArticle: ${direct}`);
      });
      if (!summary.includes('Ten Pages a Day') || !summary.includes('Maya Okafor')) throw new Error(`summary: ${summary.slice(0, 200)}`);
      await sleep(300);
      await ext.screenshot({ path: join(SCREENSHOTS, 'firefox-popup-clipped.png') });
      return summary.replace(/\s+/g, ' ').slice(0, 110) + '…';
    });
    await attempt('c. sidepanel.html lists the notes', async () => {
      await navigate(browser, ext, `${EXT}/sidepanel.html`);
      const count = await waitFor(async () => {
        const n = await ext.evaluate(() => document.querySelectorAll('.results .note').length);
        return n >= 2 && n;
      }, 'two notes in the side panel');
      const text = await ext.evaluate(() => document.querySelector('.results')?.textContent ?? '');
      await sleep(300);
      await ext.screenshot({ path: join(SCREENSHOTS, 'firefox-sidepanel.png'), fullPage: true });
      if (!text.includes(FIRST.slice(0, 30)) || !text.includes(SECOND.slice(0, 30))) throw new Error('the passages are not in the list');
      return `${count} notes`;
    });
    await attempt('d. options page imports a backup (in its worker), and the side panel lists the note', async () => {
      await navigate(browser, ext, `${EXT}/options.html`);
      await waitFor(() => ext.evaluate(() => !!document.querySelector('input[type="file"]')), 'the import field');
      const now = new Date().toISOString();
      const note = {
        id: '00000000-0000-4000-8000-0000000f1f0a',
        url,
        kind: 'quote',
        color: 'blue',
        exact: 'Une citation importée, « avec » des guillemets.',
        selectors: [{ type: 'TextQuoteSelector', exact: 'Une citation importée, « avec » des guillemets.' }],
        note: 'Importée depuis une sauvegarde.',
        tags: ['import'],
        createdAt: Date.parse(now),
        updatedAt: Date.parse(now),
      };
      const backup = JSON.stringify({ format: 'verbatim-backup', version: 1, exportedAt: now, articles: [], notes: [note], settings: [] });
      // Which workers the page starts, and whether they fail (the job would then run on the page).
      await ext.evaluate(() => {
        const started: string[] = [];
        (window as unknown as { __workers: string[] }).__workers = started;
        const Native = window.Worker;
        window.Worker = class extends Native {
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options);
            started.push(String(url).split('/').pop() ?? '');
            this.addEventListener('error', () => started.push('error'));
          }
        };
      });
      // What choosing a file does: the field's files change.
      await ext.evaluate((text: string) => {
        const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
        const files = new DataTransfer();
        files.items.add(new File([text], 'verbatim-backup.json', { type: 'application/json' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, backup);
      const summary = await waitFor(
        () => ext.evaluate(() => document.querySelector('[data-testid="import-summary"]')?.textContent ?? document.querySelector('[role="alert"]')?.textContent ?? ''),
        'the import summary',
        15_000,
      );
      if (!/Imported/.test(summary)) throw new Error(`options page says: ${summary.slice(0, 200)}`);
      const workers = await ext.evaluate(() => (window as unknown as { __workers: string[] }).__workers);
      if (!workers.some((w) => w.startsWith('backup-worker')) || workers.includes('error')) throw new Error(`workers: ${JSON.stringify(workers)}`);
      await ext.screenshot({ path: join(SCREENSHOTS, 'firefox-options-imported.png'), fullPage: true });
      await navigate(browser, ext, `${EXT}/sidepanel.html`);
      await waitFor(async () => (await ext.evaluate(() => document.querySelector('.results')?.textContent ?? '')).includes('Une citation importée'), 'the imported note in the side panel');
      return `${summary.replace(/\s+/g, ' ').slice(0, 60)}…; ran in ${workers.join(', ')}`;
    });
    if (errors.length) record('no uncaught errors in the tested pages', false, errors.slice(0, 3).join(' | '));
  } finally {
    await browser.close();
    await server.close();
  }
  const passed = checks.filter((c) => c.ok).length;
  return [
    `### Real Firefox (${version}), built extension (.output/firefox-mv2) as a temporary add-on, over WebDriver BiDi`,
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...checks.map((c) => `| ${c.name} | ${c.ok ? 'pass' : '**FAIL**'} | ${c.detail.replace(/\|/g, '\\|')} |`),
    '',
    `${passed}/${checks.length} passed.`,
  ].join('\n');
}
