/**
 * What the e2e tests reach through the DevTools protocol, which sees what page scripts (and
 * Playwright's selectors) cannot: Verbatim's isolated world, a world of the tests' own, and the
 * inside of Verbatim's closed shadow root. The page objects (pages/) are built on these.
 */
import type { CDPSession, Page } from 'playwright-core';
import { FLASH_CSS_COLOR, HIGHLIGHT_CSS_COLORS } from '../../utils/page/highlighter';
import { waitFor } from '../support/wait';

/** Runs `use` with a DevTools session on `page`, detached after. */
async function withCdp<T>(page: Page, use: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await use(cdp);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

const topFrameId = async (cdp: CDPSession) => ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id;

/**
 * Evaluates `expression` in Verbatim's isolated world in the page's top frame (where the loader,
 * and the page script once injected, run). Throws when that world does not exist (yet).
 */
export function inVerbatimWorld(page: Page, expression: string): Promise<unknown> {
  return withCdp(page, async (cdp) => {
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const frameId = await topFrameId(cdp);
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameId && c.name !== '' && !c.name.startsWith('__playwright') && c.name !== 'verbatim-tests',
    );
    if (!world) throw new Error('no Verbatim world in this page');
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value;
  });
}

/**
 * Waits until Verbatim's content script runs in the page's top frame. An idle page holds nothing
 * of Verbatim's to wait for (no node, no event): the script has run once a call in its world
 * answers.
 */
export async function waitForVerbatim(page: Page): Promise<void> {
  await waitFor(async () => (await inVerbatimWorld(page, 'typeof chrome').catch(() => undefined)) === 'object', 10_000, 'Verbatim’s content script');
}

/**
 * Runs `fn(arg)` in the page's DOM from a JavaScript world of the tests' own: a hostile page that
 * replaces `Range.prototype` or `Document.prototype` methods in its own world cannot break how the
 * tests find text, just as it cannot break Verbatim's content script.
 */
export function evaluateIsolated<A, R>(page: Page, fn: (arg: A) => R, arg: A): Promise<R> {
  return withCdp(page, async (cdp) => {
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: await topFrameId(cdp), worldName: 'verbatim-tests' })) as {
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
  });
}

interface FrameTree {
  frame: { url: string };
  childFrames?: FrameTree[];
}

/**
 * The URLs of the page's frames as the browser has them now (DevTools' frame tree). Playwright's
 * `page.frames()` can keep a removed frame listed: an extension frame navigated to the page's own
 * origin moves into the page's process, and its removal is sometimes not reported to it.
 */
export function frameUrls(page: Page): Promise<string[]> {
  return withCdp(page, async (cdp) => {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
    const urls: string[] = [];
    const walk = (t: FrameTree) => (urls.push(t.frame.url), t.childFrames?.forEach(walk));
    walk(frameTree);
    return urls;
  });
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  shadowRootType?: 'open' | 'closed' | 'user-agent';
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
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
export function shadowHas(page: Page, selector: string): Promise<boolean> {
  return withCdp(page, async (cdp) => (await shadowNode(cdp, selector)) !== 0).catch(() => false);
}

/** An element inside Verbatim's closed shadow root: its box and outer HTML, or null. */
export function shadowQuery(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number; html: string } | null> {
  return withCdp(page, async (cdp) => {
    const nodeId = await shadowNode(cdp, selector);
    if (!nodeId) return null;
    const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { nodeId })) as { outerHTML: string };
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as { model: { border: number[]; width: number; height: number } };
    return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height, html: outerHTML };
  }).catch(() => null);
}

/** Clicks an element inside Verbatim's closed shadow root with the real mouse. */
export async function clickInShadow(page: Page, selector: string): Promise<void> {
  const at = await withCdp(page, async (cdp) => {
    const nodeId = await shadowNode(cdp, selector);
    if (!nodeId) throw new Error(`nothing matches ${selector} in Verbatim's shadow root`);
    // The UI is placed by an estimate of its size, then moved once measured: click where it
    // settled (two reads a frame apart agree), not where it first appeared.
    const centre = async () => {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } };
      const [x1, y1, , , x2, y2] = model.content as [number, number, number, number, number, number];
      return { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
    };
    let settled = await centre();
    for (let i = 0; i < 20; i++) {
      await evaluateIsolated(page, () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))), null);
      const next = await centre();
      if (next.x === settled.x && next.y === settled.y) break;
      settled = next;
    }
    return settled;
  });
  await page.mouse.click(at.x, at.y);
}

/** A passage Verbatim draws: its text, and `verbatim-<kind>-<colour>` or `verbatim-flash`. */
export interface Drawn {
  name: string;
  text: string;
}

/**
 * Verbatim's drawn passages, each named for the tests. The page's highlight registry holds them
 * under random names: what a highlight is drawn as is read from its `::highlight()` rule, the
 * colour the reader sees (the test pages draw no highlights of their own).
 */
export function drawn(page: Page): Promise<Drawn[]> {
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
