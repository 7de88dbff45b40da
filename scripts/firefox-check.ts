/**
 * Issue #3: does drawing (CSS Custom Highlight API from a content script) work in a real Firefox,
 * and does the rest of the extension? Issue #11: can a page forge the user's input, see Verbatim
 * on an idle page, or switch it off by clobbering `chrome`/`browser`? Drives Firefox ESR over
 * WebDriver BiDi (puppeteer-core) with the built Firefox package installed as a temporary add-on:
 *
 *   a. the content script loads (it answers the extension in the tab: BiDi's realm list does not
 *      show content-script sandboxes in Firefox), and which drawing path it takes
 *      (`CSS.highlights` or the fallback's wrapping elements), and whether a drawn passage is
 *      really painted;
 *   #11 an idle page with no notes holds nothing of Verbatim's (no node, no highlight-registry
 *      entry, no `verbatim:*` performance entry, no message) until the user selects; a page's own
 *      selection with forged `mouseup`/`keydown` saves nothing; a page whose named forms shadow
 *      `chrome.runtime` and `browser.runtime` can still be highlighted;
 *   b. mouse selection (trusted BiDi input) → the in-page toolbar (in the closed shadow root of a
 *      randomly named host under <html>) → Highlight, and selection → `Q` key → Quote; the card
 *      and its note editor frame; reload → drawn again at the same place;
 *   c. popup.html?tab=<id> and sidepanel.html list the notes; d. a backup import.
 *
 * Run: npm run check:firefox (builds $VERBATIM_OUT_DIR/firefox-mv2, default .output, first).
 * FIREFOX_PATH picks the binary (default /usr/bin/firefox-esr). Screenshots:
 * tests/e2e/__screenshots__/firefox-*.png. The pages are served from a temporary copy of
 * tests/fixtures, with the #11 pages written into it at run time.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { drag, selectionPoints } from '../tests/support/drag';
import { heardKeys, listenForKeys } from '../tests/support/ear';
import { serveDir } from '../tests/support/static-server.mjs';
import { HIGHLIGHT_CSS_COLORS } from '../utils/page/highlighter';

const ROOT = resolve(import.meta.dirname, '..');
/** The build to test: $VERBATIM_OUT_DIR/firefox-mv2 (as wxt.config.ts and the e2e tests read it). */
const OUT_DIR = process.env.VERBATIM_OUT_DIR ?? '.output';
const EXTENSION_DIR = join(resolve(ROOT, OUT_DIR), 'firefox-mv2');
const SCREENSHOTS = join(ROOT, 'tests', 'e2e', '__screenshots__');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on id from wxt.config.ts, and the moz-extension:// host we pin it to. */
const ADDON_ID = 'verbatim@verbatim.invalid';
const UUID = '5e1ec7ed-0000-4000-8000-00000000f1f0';
const EXT = `moz-extension://${UUID}`;

const FIRST = 'It needs a small, repeatable slot that survives an ordinary Tuesday.';
const SECOND = 'The format matters far less than having something ready when the gap appears.';

/**
 * A page of the check's own, served from the same folder as the fixtures: `title` as its title
 * and heading, `body` under the heading, `head` (a script) before the shared style.
 */
const testPage = (title: string, body: string, head = '') => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} | Firefox check</title>
${head}<style>body { font: 18px/1.6 Georgia, serif; max-width: 42rem; margin: 2rem auto; color: #222; }</style>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`;

/** Issue #11's pages, written into the served folder at run time. */
const IDLE_TEXT = 'A page with no notes should find nothing of the reader’s tools in it.';
const IDLE_PAGE = testPage(
  'Notes from a Quiet Afternoon',
  `<p>${IDLE_TEXT}</p>
<p>Reading without a pen is still reading. The page turns, the argument lands or it does not, and whatever stays with you stays because it mattered, not because you marked it.</p>`,
  `<script>
  // A page that watches, from its first script on, for anything an extension shows an idle page:
  // every change to the document after parsing, every message, every performance mark or measure.
  window.seen = [];
  const note = (what) => window.seen.push(what);
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') note('attribute ' + r.attributeName + ' on ' + r.target.nodeName);
        if (r.type === 'characterData') note('text changed in ' + (r.target.parentNode && r.target.parentNode.nodeName));
        for (const n of r.addedNodes) note('added ' + n.nodeName);
        for (const n of r.removedNodes) note('removed ' + n.nodeName);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  addEventListener('message', (e) => note('message ' + JSON.stringify(e.data)), true);
  new PerformanceObserver((list) => list.getEntries().forEach((e) => note(e.entryType + ' ' + e.name))).observe({ entryTypes: ['mark', 'measure'] });
</script>
`,
);
const CLOBBER_TEXT = 'A form named after the extension API must not switch the highlighter off.';
const CLOBBER_PAGE = testPage(
  'A Page of Named Forms',
  `<form id="chrome"><input name="runtime" value="chrome.runtime is this field"></form>
<form id="browser"><input name="runtime" value="browser.runtime is this field"></form>
<p>${CLOBBER_TEXT}</p>
<p>Named elements become properties of the window: a form with the id chrome is window.chrome to this page, and its field named runtime is chrome.runtime.</p>`,
);

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

/**
 * What Verbatim drew on the page, read from the page's own realm, each named
 * `verbatim-<kind>-<colour>` for the checks (as `drawn()` in tests/e2e/devtools.ts does). The page's
 * highlight registry holds them under random names: what a highlight is drawn as is read from its
 * `::highlight()` rule (background colour, underline for a quote); the fallback's wrapping
 * elements have a random custom tag and an inline background colour. The test pages draw nothing
 * of their own.
 */
function drawn(page: Page) {
  return page.evaluate((colours: Record<string, string>) => {
    const squash = (css: string) => css.replace(/\s/g, '');
    const colourOf = (css: string) => Object.entries(colours).find(([, c]) => squash(c) === squash(css))?.[0];
    const kindOf = (style: CSSStyleDeclaration) => (`${style.textDecorationLine} ${style.textDecoration}`.includes('underline') ? 'quote' : 'highlight');
    const box = (r: Range) => {
      const b = r.getClientRects()[0] ?? r.getBoundingClientRect();
      return { x: Math.round(b.left + scrollX), y: Math.round(b.top + scrollY) };
    };
    const rules = new Map<string, CSSStyleRule>();
    for (const sheet of Array.from(document.styleSheets)) {
      let list: CSSRuleList;
      try {
        list = sheet.cssRules;
      } catch {
        // Firefox gives a <style> made by a content script the extension's principal: the page
        // may not read its rules (a cross-origin sheet), only its text. Parse a copy of that.
        const owner = sheet.ownerNode;
        if (!(owner instanceof HTMLStyleElement)) continue;
        const copy = new CSSStyleSheet();
        copy.replaceSync(owner.textContent ?? '');
        list = copy.cssRules;
      }
      for (const rule of Array.from(list)) {
        const m = /::highlight\(([^)]+)\)/.exec((rule as CSSStyleRule).selectorText ?? '');
        if (m) rules.set(m[1]!, rule as CSSStyleRule);
      }
    }
    const highlights: Array<{ name: string; text: string; x: number; y: number }> = [];
    if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
      CSS.highlights.forEach((h, registered) => {
        const rule = rules.get(registered);
        const colour = rule && colourOf(rule.style.backgroundColor);
        if (!rule || !colour) return; // the flash after "Open at passage"
        h.forEach((r) => highlights.push({ name: `verbatim-${kindOf(rule.style)}-${colour}`, text: (r as Range).toString(), ...box(r as Range) }));
      });
    }
    // The fallback: one element per text node; a passage's marks are consecutive.
    const marks = [...document.body.querySelectorAll('*')]
      .filter((m): m is HTMLElement => m.localName.includes('-') && m instanceof HTMLElement && !!colourOf(m.style.backgroundColor))
      .map((m) => {
        const r = document.createRange();
        r.selectNodeContents(m);
        return { name: `verbatim-${kindOf(m.style)}-${colourOf(m.style.backgroundColor)}`, text: m.textContent ?? '', tag: m.localName, ...box(r) };
      });
    return { highlights, marks, styles: rules.size, registry: typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights.size : -1 };
  }, HIGHLIGHT_CSS_COLORS);
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

/**
 * Verbatim's UI host: the element under <html> with a closed shadow root (its name is random, and
 * it is there only while something is shown). Page scripts cannot reach into a closed root;
 * WebDriver BiDi can (`includeShadowTree: "all"` serialises closed roots).
 */
async function uiHost(browser: Browser, page: Page): Promise<{ name: string; root: { sharedId: string }; count: number } | null> {
  const html = await bidi(browser).send('script.evaluate', {
    expression: 'document.documentElement',
    target: { context: contextOf(page) },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
  });
  type Serialised = { value?: { localName?: string; shadowRoot?: { sharedId: string; value?: { mode?: string } } | null } };
  const children = (html.result?.result?.value?.children ?? []) as Serialised[];
  const hosts = children.filter((c) => c.value?.shadowRoot?.value?.mode === 'closed');
  if (!hosts.length) return null;
  return { name: hosts[0]!.value!.localName ?? '?', root: hosts[0]!.value!.shadowRoot!, count: hosts.length };
}

/** A box inside Verbatim's closed shadow root (the root found by {@link uiHost} is passed back to the page). */
async function shadowBox(browser: Browser, page: Page, selector: string) {
  const host = await uiHost(browser, page);
  if (!host) return null;
  const found = await bidi(browser).send('script.callFunction', {
    functionDeclaration: String((root: ShadowRoot, sel: string) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return JSON.stringify({ x: r.x, y: r.y, width: r.width, height: r.height, visible: r.width > 0 && r.height > 0 });
    }),
    arguments: [{ sharedId: host.root.sharedId }, { type: 'string', value: selector }],
    target: { context: contextOf(page) },
    awaitPromise: false,
  });
  const value = found.result?.result?.value as string | undefined;
  if (!value) return null;
  return { ...(JSON.parse(value) as { x: number; y: number; width: number; height: number; visible: boolean }), host: host.name };
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
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No Firefox build in ${EXTENSION_DIR}: run \`npx wxt build -b firefox\` (with the same VERBATIM_OUT_DIR).`);
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
  // The fixtures, with issue #11's pages beside them, in a folder of the check's own.
  const served = mkdtempSync(join(tmpdir(), 'verbatim-firefox-'));
  cpSync(join(ROOT, 'tests', 'fixtures'), served, { recursive: true });
  writeFileSync(join(served, 'firefox-idle.html'), IDLE_PAGE);
  writeFileSync(join(served, 'firefox-clobber.html'), CLOBBER_PAGE);
  const server = await serveDir(served);
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

    // An extension page in a tab: asks the tabs' content scripts, reads the library.
    const ext = await browser.newPage();
    ext.on('pageerror', (e) => errors.push(`extension page: ${String(e)}`));
    await navigate(browser, ext, `${EXT}/popup.html`);
    type Api = {
      tabs: {
        query(q: object): Promise<Array<{ id?: number; url?: string }>>;
        sendMessage(id: number, m: unknown, o: object): Promise<unknown>;
      };
    };
    const tabIdOf = (u: string) =>
      ext.evaluate(async (u: string) => {
        const api = (globalThis as unknown as { browser: Api }).browser;
        return (await api.tabs.query({})).find((t) => t.url === u)?.id;
      }, u);
    /** What the tab's content script answers the extension (as the popup asks it), as JSON. */
    const ask = async (tab: number, type: string) => {
      const reply = await ext.evaluate(
        async (tab: number, type: string) => {
          const api = (globalThis as unknown as { browser: Api }).browser;
          try {
            return JSON.stringify(await api.tabs.sendMessage(tab, { verbatim: 1, type, payload: {} }, { frameId: 0 }));
          } catch (err) {
            return `threw: ${String(err)}`;
          }
        },
        tab,
        type,
      );
      if (!reply.startsWith('{"ok":true')) throw new Error(`${type}: ${reply.slice(0, 200)}`);
      return reply;
    };
    /** The content script of the page at `u` is running: it answers the extension's `refresh`. */
    const answering = async (u: string) => {
      const tab = await waitFor(() => tabIdOf(u), `the tab of ${u}`);
      return { tab, reply: await waitFor(() => ask(tab, 'refresh'), 'the content script’s reply') };
    };
    /** The library's notes, counted in the extension's own IndexedDB (where the background keeps them). */
    const countNotes = () =>
      ext.evaluate(async () => {
        if (!(await indexedDB.databases()).some((d) => d.name === 'verbatim')) return 0;
        return new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('verbatim');
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const count = db.transaction('notes').objectStore('notes').count();
            count.onsuccess = () => (db.close(), resolve(count.result));
            count.onerror = () => (db.close(), reject(count.error));
          };
        });
      });

    // Issue #11: an idle page with no notes, watched by its own script from the start.
    const idle = await browser.newPage();
    idle.on('pageerror', (e) => errors.push(`idle page: ${String(e)}`));
    const idleUrl = `${server.origin}/firefox-idle.html`;
    await idle.goto(idleUrl);
    const loaded = await attempt('a. content script loads (answers the extension in the tab)', async () => {
      const { realms } = (await bidi(browser).send('script.getRealms', { context: contextOf(idle) })).result as { realms: Array<{ type: string; sandbox?: string }> };
      const { tab, reply } = await answering(idleUrl);
      return `tabs.sendMessage(tab ${tab}, refresh) → ${reply}; BiDi's script.getRealms lists ${realms.length} realm(s) for the tab (${realms.map((r) => r.type + (r.sandbox ? `:${r.sandbox}` : '')).join(', ')}): Firefox does not list content-script sandboxes`;
    });
    await attempt('#11 an idle page with no notes holds nothing of Verbatim’s; a real drag then shows the toolbar', async () => {
      if (!loaded) throw new Error('the content script did not answer');
      await sleep(2500);
      const state = await idle.evaluate(() => ({
        seen: (window as unknown as { seen: string[] }).seen.slice(),
        children: [...document.documentElement.children].map((e) => e.localName).join(', '),
        styles: document.querySelectorAll('style').length,
        registry: [...CSS.highlights.keys()],
        perf: performance.getEntries().map((e) => e.name).filter((n) => n.startsWith('verbatim')),
      }));
      const host = await uiHost(browser, idle);
      const found = [
        ...state.seen,
        ...(state.children === 'head, body' ? [] : [`<html> holds ${state.children}`]),
        ...(state.styles === 1 ? [] : [`${state.styles} <style> elements`]),
        ...state.registry.map((n) => `CSS.highlights has ${n}`),
        ...state.perf.map((n) => `performance entry ${n}`),
        ...(host ? [`a closed shadow root on <${host.name}>`] : []),
      ];
      if (found.length) throw new Error(`the page saw: ${found.join('; ')}`);
      // First use: the user's drag makes the UI host, which goes when nothing is shown.
      await idle.bringToFront();
      await dragSelect(idle, IDLE_TEXT);
      const box = await waitFor(() => shadowBox(browser, idle, 'button[data-action="highlight"]'), 'the toolbar after a real drag');
      await idle.keyboard.press('Escape');
      await waitFor(async () => !(await uiHost(browser, idle)), 'the UI host to leave <html> after Escape', 3000);
      const after = await idle.evaluate(() => [...document.documentElement.children].map((e) => e.localName).join(', '));
      await idle.close();
      return (
        `after 2.5 s: no mutation, message or mark/measure seen by the page, <html> holds ${state.children}, CSS.highlights empty, no verbatim:* performance entry, ` +
        `no closed shadow root; a real drag then showed the toolbar in <${box.host}> (closed root under <html>), Escape removed it (<html>: ${after})`
      );
    });

    const article = await browser.newPage();
    article.on('pageerror', (e) => errors.push(`page: ${String(e)}`));
    const url = `${server.origin}/article-en.html`;
    await article.goto(url);

    await attempt('#11 a page’s own selection + forged mouseup and keydown "h" saves nothing', async () => {
      await answering(url);
      const before = await countNotes();
      await sleep(1000); // no trusted input just before (none at all on this page yet)
      const forged = await article.evaluate(async (text: string) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n as Text).data.indexOf(text);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + text.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          const rect = range.getBoundingClientRect();
          const init = { bubbles: true, cancelable: true, composed: true, clientX: rect.left + 5, clientY: rect.top + 5, view: window };
          const target = n.parentElement!;
          const trusted: boolean[] = [];
          for (const type of ['mousedown', 'mouseup', 'click']) {
            const e = new MouseEvent(type, init);
            target.dispatchEvent(e);
            trusted.push(e.isTrusted);
          }
          document.dispatchEvent(new Event('selectionchange'));
          // As the user would: a key once the toolbar had time to come up.
          await new Promise((r) => setTimeout(r, 600));
          for (const type of ['keydown', 'keypress', 'keyup']) {
            const e = new KeyboardEvent(type, { key: 'h', code: 'KeyH', bubbles: true, cancelable: true, composed: true });
            target.dispatchEvent(e);
            trusted.push(e.isTrusted);
          }
          return { selected: getSelection()!.toString(), trusted: trusted.some(Boolean) };
        }
        return null;
      }, FIRST);
      if (!forged || forged.selected !== FIRST) throw new Error(`the page could not select the passage: ${JSON.stringify(forged)}`);
      await sleep(1500);
      const after = await countNotes();
      const host = await uiHost(browser, article);
      const shown = await drawnPassages(article);
      await article.evaluate(() => getSelection()?.removeAllRanges());
      if (after !== before || host || shown.length) {
        throw new Error(`library ${before} → ${after} notes; UI host: ${host ? `<${host.name}>` : 'none'}; drawn: ${JSON.stringify(shown.map((p) => p.text))}`);
      }
      return `the page selected the passage (addRange) and dispatched mousedown, mouseup, click, selectionchange, then 0.6 s later keydown/keypress/keyup "h" (isTrusted ${forged.trusted}): library ${before} → ${after} notes, nothing drawn, no toolbar (no closed shadow root under <html>)`;
    });
    let path = 'unknown';
    if (loaded) {
      const before = await passageClip(article, FIRST);
      await article.evaluate(() => scrollTo(0, 0));
      const baseline = before && (await article.screenshot({ clip: before, encoding: 'base64' }));

      const toolbar = await attempt('b. mouse selection (trusted BiDi input) shows the toolbar', async () => {
        // What the page sees of puppeteer's mouse: BiDi input actions must be trusted events.
        await article.evaluate(() => {
          const log: string[] = [];
          (window as unknown as { inputLog: string[] }).inputLog = log;
          for (const type of ['mousedown', 'mouseup']) document.addEventListener(type, (e) => log.push(`${type}:${e.isTrusted}`), true);
        });
        await dragSelect(article, FIRST);
        const box = await waitFor(() => shadowBox(browser, article, 'button[data-action="highlight"]'), 'the toolbar');
        const input = await article.evaluate(() => (window as unknown as { inputLog: string[] }).inputLog.join(', '));
        if (!input || input.includes(':false')) throw new Error(`the drag's events: ${input || 'none'}`);
        await sleep(300); // its fade-in
        await article.screenshot({ path: join(SCREENSHOTS, 'firefox-toolbar.png') });
        return `page saw ${input}; Highlight button in <${box.host}>'s closed shadow root at (${Math.round(box.x)}, ${Math.round(box.y)}), ${Math.round(box.width)}×${Math.round(box.height)} px`;
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
        else if (d.marks.length) path = `fallback <${(d.marks[0] as { tag?: string }).tag}> elements`;
        else throw new Error('nothing drawn');
        const probe = await article.evaluate(() => [typeof Highlight, typeof CSS !== 'undefined' && 'highlights' in CSS].join(', '));
        return `${path} (page's CSS.highlights: ${d.highlights.length} ranges, marks: ${d.marks.length}, ::highlight rules: ${d.styles}, registry entries: ${d.registry}; page realm typeof Highlight, CSS.highlights: ${probe})`;
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

    // In Firefox the content script's Xray view of `window` already hides the page's named
    // elements (this passes with guard.js removed from the manifest too): a regression check of
    // the Firefox build, not a test of guard.js, which Chromium's isolated world needs.
    await attempt('#11 a page whose named forms shadow chrome.runtime and browser.runtime: drag + toolbar → Highlight drawn', async () => {
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(`clobber page: ${String(e)}`));
      const clobberUrl = `${server.origin}/firefox-clobber.html`;
      await page.goto(clobberUrl);
      // In the page, `chrome` and `browser` are its forms, and `.runtime` their fields.
      const shadowed = await page.evaluate(() => {
        const w = window as unknown as Record<string, { runtime?: unknown } | undefined>;
        return ['chrome', 'browser'].map((n) => `${n}.runtime: <${(w[n]?.runtime as Element | undefined)?.localName ?? String(w[n]?.runtime)}>`).join(', ');
      });
      if (!/chrome\.runtime: <input>, browser\.runtime: <input>/.test(shadowed)) throw new Error(`the page's names do not shadow the API: ${shadowed}`);
      await answering(clobberUrl);
      const before = await countNotes();
      await page.bringToFront();
      await dragSelect(page, CLOBBER_TEXT);
      await waitFor(() => shadowBox(browser, page, 'button[data-action="highlight"]'), 'the toolbar');
      await sleep(300); // its fade-in
      const box = (await shadowBox(browser, page, 'button[data-action="highlight"]'))!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const d = await waitFor(async () => (await drawnPassages(page)).find((p) => p.text === CLOBBER_TEXT), 'the highlight drawn');
      const after = await waitFor(async () => {
        const n = await countNotes();
        return n === before + 1 && n;
      }, 'the note in the library', 3000);
      await page.screenshot({ path: join(SCREENSHOTS, 'firefox-clobber.png') });
      await page.close();
      return `page's ${shadowed}; toolbar in <${box.host}>, Highlight → drawn as ${d.name}; library ${before} → ${after} notes`;
    });

    // Extension pages, as tabs. The tab id comes from the extension's own tabs API.
    const tabId = await tabIdOf(url);
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
    rmSync(served, { recursive: true, force: true });
  }
  const passed = checks.filter((c) => c.ok).length;
  return [
    `### Real Firefox (${version}), built extension (${OUT_DIR}/firefox-mv2) as a temporary add-on, over WebDriver BiDi`,
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...checks.map((c) => `| ${c.name} | ${c.ok ? 'pass' : '**FAIL**'} | ${c.detail.replace(/\|/g, '\\|')} |`),
    '',
    `${passed}/${checks.length} passed.`,
  ].join('\n');
}
