import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { launch as launchChromium, ROOT, type LaunchOptions, type Session } from '../support/chromium';
import { drag, selectionPoints } from '../support/drag';
import { heardKeys, listenForKeys } from '../support/ear';
import { waitFor } from '../support/wait';
import { FLASH_CSS_COLOR, HIGHLIGHT_CSS_COLORS } from '../../utils/page/highlighter';

export { CHROMIUM_ARGS, EXTENSION_DIR, putNotes, ROOT, type Session } from '../support/chromium';
export { waitFor } from '../support/wait';
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', '__screenshots__');

/** Launches Chromium with the built extension (tests/support/chromium.ts), with a folder for the screenshots. */
export async function launch(options: LaunchOptions = {}): Promise<Session> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return launchChromium(options);
}

/** Opens a page and waits until Verbatim's content script runs in it. */
export async function openArticle(session: Session, path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${session.origin}/${path}`);
  await waitForVerbatim(page);
  return page;
}

/**
 * Waits until Verbatim's content script runs in the page's top frame. An idle page holds nothing
 * of Verbatim's to wait for (no node, no event): the DevTools protocol, which sees every
 * JavaScript world, names the extension's isolated world; the script has run once a call there
 * answers after it.
 */
export async function waitForVerbatim(page: Page): Promise<void> {
  await waitFor(async () => (await inVerbatimWorld(page, 'typeof chrome').catch(() => undefined)) === 'object', 10_000, 'Verbatim’s content script');
}

/**
 * Evaluates `expression` in Verbatim's isolated world in the page's top frame (where the loader,
 * and the page script once injected, run), through the DevTools protocol. Throws when that world
 * does not exist (yet).
 */
export async function inVerbatimWorld(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.name !== '' && !c.name.startsWith('__playwright') && c.name !== 'verbatim-tests',
    );
    if (!world) throw new Error('no Verbatim world in this page');
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Which of Verbatim's scripts run in the page: the loader always, the page script on demand. */
export async function scriptsIn(page: Page): Promise<{ loader: boolean; page: boolean }> {
  return (await inVerbatimWorld(
    page,
    `(() => { const s = globalThis[Symbol.for('verbatim.user-input')]; return { loader: !!s?.loader, page: !!s?.page }; })()`,
  )) as { loader: boolean; page: boolean };
}

/** The browser's tab id for a page, asked of the extension's service worker. */
export async function tabIdOf(session: Session, page: Page): Promise<number> {
  const url = page.url();
  const id = await session.worker.evaluate(async (u) => {
    // Runs in the service worker, where `chrome` is the extension API.
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/**
 * What the context menu and the keyboard commands do (utils/rpc.ts `callTab`): the background
 * injects the page script into the tab if it is not there yet, then asks it to save its
 * selection. Returns the tab's reply.
 */
export async function captureFromBackground(session: Session, page: Page, kind: 'highlight' | 'quote'): Promise<unknown> {
  const tabId = await tabIdOf(session, page);
  return session.worker.evaluate(
    async ([id, k]) => {
      type Api = {
        scripting: { executeScript(o: object): Promise<unknown> };
        tabs: { sendMessage(t: number, m: object, o: object): Promise<unknown> };
      };
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      await api.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, files: ['/page.js'] });
      return api.tabs.sendMessage(id as number, { verbatim: 1, type: 'captureSelection', payload: { kind: k } }, { frameId: 0 });
    },
    [tabId, kind] as const,
  );
}

/** Opens an extension page (popup.html, sidepanel.html) as a tab. */
export async function openExtensionPage(session: Session, path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

/**
 * Selects `text` in the page the way a reader does: a mouse drag from its first character to
 * its last. `occurrence` picks among repeats (0 = first).
 */
export async function dragSelect(page: Page, text: string, occurrence = 0): Promise<void> {
  await drag(page.mouse, await evaluateIsolated(page, selectionPoints, { text, occurrence }), text);
}

/**
 * Runs `fn(arg)` in the page's DOM from a JavaScript world of the tests' own (the DevTools
 * protocol's isolated world): a hostile page that replaces `Range.prototype` or `Document.prototype`
 * methods in its own world cannot break how the tests find text, just as it cannot break
 * Verbatim's content script.
 */
export async function evaluateIsolated<A, R>(page: Page, fn: (arg: A) => R, arg: A): Promise<R> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'verbatim-tests' })) as {
      executionContextId: number;
    };
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as R;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  shadowRootType?: 'open' | 'closed' | 'user-agent';
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/**
 * Clicks an element inside Verbatim's closed shadow root with the real mouse. Page scripts
 * (and Playwright's selectors) cannot see into a closed root; the DevTools protocol can.
 */
export async function clickInShadow(page: Page, selector: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await shadowNode(cdp, selector);
    if (!nodeId) throw new Error(`nothing matches ${selector} in Verbatim's shadow root`);
    // The UI is placed by an estimate of its size, then moved once measured: click where it
    // settled (two reads a frame apart agree), not where it first appeared.
    const centre = async () => {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } };
      const [x1, y1, , , x2, y2] = model.content as [number, number, number, number, number, number];
      return { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
    };
    let at = await centre();
    for (let i = 0; i < 20; i++) {
      await evaluateIsolated(page, () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))), null);
      const next = await centre();
      if (next.x === at.x && next.y === at.y) break;
      at = next;
    }
    await page.mouse.click(at.x, at.y);
  } finally {
    await cdp.detach();
  }
}

/**
 * The in-page card's note editor: a frame of the extension's origin inside the closed shadow
 * root (Playwright lists every frame, whatever root holds it), once its note field is there.
 */
export async function editorFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await waitFor(async () => {
    frame = page.frames().find((f) => f.url().includes('/note-editor.html'));
    return !!frame && (await frame.locator('textarea.note-field').count()) > 0;
  }, 10_000, 'the card’s note editor');
  return frame!;
}

/**
 * Records every key and text-input event the page's own scripts can hear, from the window's
 * capture phase (before anything else): what Verbatim's UI must never let through. Returns a
 * reader of what was heard.
 */
export async function listenLikeThePage(page: Page): Promise<() => Promise<string>> {
  await page.evaluate(listenForKeys);
  return () => page.evaluate(heardKeys);
}

/**
 * The node id of an element inside Verbatim's closed shadow root (0 when absent). The host has a
 * random name: it is the element under `<html>` with a closed shadow root (the test pages have
 * no other).
 */
async function shadowNode(cdp: CDPSession, selector: string): Promise<number> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const shadow = html?.children?.flatMap((n) => n.shadowRoots ?? []).find((r) => r.shadowRootType === 'closed');
  if (!shadow) return 0;
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector })) as { nodeId: number };
  return nodeId;
}

/** Whether an element matching `selector` exists inside Verbatim's closed shadow root. */
export async function shadowHas(page: Page, selector: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await shadowNode(cdp, selector)) !== 0;
  } catch {
    return false;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The texts Verbatim draws on the page (see {@link drawn}). */
export async function drawnTexts(page: Page): Promise<string[]> {
  return (await drawn(page)).map((d) => d.text);
}

/** An element inside Verbatim's closed shadow root: its box and outer HTML, or null. */
export async function shadowQuery(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number; html: string } | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await shadowNode(cdp, selector);
    if (!nodeId) return null;
    const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { nodeId })) as { outerHTML: string };
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as { model: { border: number[]; width: number; height: number } };
    return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height, html: outerHTML };
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Verbatim's drawn passages, each named `verbatim-<kind>-<colour>` (or `verbatim-flash`) for the tests. The page's
 * highlight registry holds them under random names: what a highlight is drawn as is read from its
 * `::highlight()` rule, the colour the reader sees (the test pages draw no highlights of their own).
 */
export function drawn(page: Page): Promise<Array<{ name: string; text: string }>> {
  return evaluateIsolated(page, ({ colours, flash }: { colours: Record<string, string>; flash: string }) => {
    const rules = new Map<string, CSSStyleRule>();
    for (const sheet of Array.from(document.styleSheets)) {
      let list: CSSRuleList;
      try {
        list = sheet.cssRules;
      } catch {
        continue;
      }
      for (const rule of Array.from(list)) {
        const m = /::highlight\(([^)]+)\)/.exec((rule as CSSStyleRule).selectorText ?? '');
        if (m) rules.set(m[1]!, rule as CSSStyleRule);
      }
    }
    const out: Array<{ name: string; text: string }> = [];
    CSS.highlights.forEach((highlight, registered) => {
      const rule = rules.get(registered);
      const background = rule?.style.backgroundColor.replace(/\s/g, '');
      if (background === flash.replace(/\s/g, '')) {
        highlight.forEach((r) => out.push({ name: 'verbatim-flash', text: (r as Range).toString() }));
        return;
      }
      const colour = Object.entries(colours).find(([, css]) => css.replace(/\s/g, '') === background)?.[0];
      if (!colour) return; // not Verbatim's
      const kind = rule!.style.textDecorationLine.includes('underline') || rule!.style.textDecoration.includes('underline') ? 'quote' : 'highlight';
      highlight.forEach((r) => out.push({ name: `verbatim-${kind}-${colour}`, text: (r as Range).toString() }));
    });
    return out;
  }, { colours: HIGHLIGHT_CSS_COLORS, flash: FLASH_CSS_COLOR });
}

/** Clicks the middle of the first occurrence of `text` in the page (a plain click, no drag). */
export async function clickText(page: Page, text: string): Promise<void> {
  const point = await evaluateIsolated(page, (t: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(t);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at + Math.floor(t.length / 2));
      r.setEnd(n, at + Math.floor(t.length / 2) + 1);
      const rect = r.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`text not found: ${text}`);
  await page.mouse.click(point.x, point.y);
}

/** Waits until `text` is drawn (in the highlight `name`, `verbatim-<kind>-<colour>`, when given). */
export async function waitDrawn(page: Page, text: string, name?: string): Promise<void> {
  await waitFor(async () => (await drawn(page)).some((d) => d.text === text && (!name || d.name === name)), 10_000, `"${text}" drawn ${name ?? ''}`).catch(
    async (e: unknown) => {
      throw new Error(`${(e as Error).message}; drawn: ${JSON.stringify(await drawn(page))}`);
    },
  );
}

/**
 * Selects `text` with the mouse, presses a toolbar control (a selector in the shadow root;
 * Highlight by default) and waits until the passage is drawn.
 */
export async function saveSelection(page: Page, text: string, control = 'button[data-action="highlight"]'): Promise<void> {
  await dragSelect(page, text);
  await waitFor(() => shadowHas(page, control), 10_000, 'the selection toolbar');
  await clickInShadow(page, control);
  await waitDrawn(page, text);
}
