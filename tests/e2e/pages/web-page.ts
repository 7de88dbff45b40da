import type { Frame, Page } from 'playwright-core';
import type { Color } from '../../../utils/domain/model';
import type { Session } from '../../support/chromium';
import { drag, middlePoint, selectionPoints } from '../../support/drag';
import { heardKeys, listenForKeys } from '../../support/ear';
import { waitFor } from '../../support/wait';
import { clickInShadow, drawn, evaluateIsolated, inVerbatimWorld, shadowHas, shadowQuery, waitForVerbatim, type Drawn } from '../devtools';
import { Screen } from './screen';

/** Verbatim's UI in a web page, as selectors inside its closed shadow root. */
export const UI = {
  /** The selection toolbar. */
  toolbar: '.toolbar',
  /** A passage's card. */
  card: '.card',
  /** Any of Verbatim's UI: toolbar, card or message. */
  any: '.panel',
  /** The message by a passage (saved, copied, deleted…). */
  message: '.message',
  /** A button of the toolbar or the card. */
  action: (name: 'highlight' | 'quote' | 'note' | 'tag' | 'edit' | 'delete' | 'undo' | 'copy-markdown') => `button[data-action="${name}"]`,
  /** A colour's swatch, in the toolbar (one click saves) or the card. */
  swatch: (color: Color) => `.swatch-button[data-color="${color}"]`,
};

/** A web page with Verbatim in it, driven as a reader does: real drags, clicks and keys. */
export class WebPage extends Screen {
  constructor(
    page: Page,
    private readonly session: Session,
  ) {
    super(page);
  }

  /** Opens `path` of the served folder in a new tab and waits until Verbatim runs in it. */
  static async open(session: Session, path: string): Promise<WebPage> {
    const page = new WebPage(await session.context.newPage(), session);
    await page.page.goto(`${session.origin}/${path}`);
    await page.waitForVerbatim();
    return page;
  }

  /** Waits until Verbatim's content script runs in the top frame. */
  waitForVerbatim(): Promise<void> {
    return waitForVerbatim(this.page);
  }

  /** Reloads and waits for Verbatim again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForVerbatim();
  }

  /** Which of Verbatim's scripts run in the page: the loader always, the page script on demand. */
  async scripts(): Promise<{ loader: boolean; page: boolean }> {
    return (await inVerbatimWorld(
      this.page,
      `(() => { const s = globalThis[Symbol.for('verbatim.user-input')]; return { loader: !!s?.loader, page: !!s?.page }; })()`,
    )) as { loader: boolean; page: boolean };
  }

  /** The browser's tab id for this page, asked of the extension's service worker. */
  async tabId(): Promise<number> {
    const url = this.page.url();
    const id = await this.session.worker.evaluate(async (u) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
      return (await api.tabs.query({})).find((t) => t.url === u)?.id;
    }, url);
    if (id === undefined) throw new Error(`no tab for ${url}`);
    return id;
  }

  /**
   * What the context menu and the keyboard commands do (utils/messaging/rpc.ts `callTab`): the background
   * injects the page script if it is not there yet, then asks it to save its selection. Returns
   * the tab's reply.
   */
  async captureFromBackground(kind: 'highlight' | 'quote'): Promise<unknown> {
    const tabId = await this.tabId();
    return this.session.worker.evaluate(
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

  /** Runs `fn(arg)` in the page's DOM from the tests' own world (see devtools.ts). */
  evaluateIsolated<A, R>(fn: (arg: A) => R, arg: A): Promise<R> {
    return evaluateIsolated(this.page, fn, arg);
  }

  /**
   * Records every key and text-input event the page's own scripts can hear, from the window's
   * capture phase: what Verbatim's UI must never let through. Returns a reader of what was heard.
   */
  async listenLikeThePage(): Promise<() => Promise<string>> {
    await this.page.evaluate(listenForKeys);
    return () => this.page.evaluate(heardKeys);
  }

  // ---- Selecting, and the toolbar ----------------------------------------------------------

  /** Selects `text` with a mouse drag from its first character to its last (`occurrence` 0 = first). */
  async select(text: string, occurrence = 0): Promise<void> {
    await drag(this.page.mouse, await this.evaluateIsolated(selectionPoints, { text, occurrence }), text);
  }

  /** Drops the page's selection (a drag that starts on selected text would move it). */
  async clearSelection(): Promise<void> {
    await this.page.evaluate(() => document.getSelection()!.removeAllRanges());
  }

  /** Selects `text` and waits for the toolbar (or `control` in it). */
  async selectForToolbar(text: string, control = UI.toolbar): Promise<void> {
    await this.select(text);
    await this.waitShown(control, 'the selection toolbar');
  }

  /**
   * Saves `text` as a reader does: selects it, presses a toolbar control (Highlight by default)
   * and waits until the passage is drawn.
   */
  async highlight(text: string, control = UI.action('highlight')): Promise<void> {
    await this.selectForToolbar(text, control);
    await this.press(control);
    await this.waitDrawn(text);
  }

  /** Saves `text` with the keyboard: selects it, presses H, and waits until it is drawn. */
  async highlightWithKey(text: string): Promise<void> {
    await this.selectForToolbar(text, UI.action('highlight'));
    await this.page.keyboard.press('h');
    await this.waitDrawn(text);
  }

  // ---- Verbatim's UI, inside its closed shadow root ----------------------------------------

  /** Clicks a control of Verbatim's UI with the real mouse. */
  press(selector: string): Promise<void> {
    return clickInShadow(this.page, selector);
  }

  /** Whether Verbatim's UI shows `selector`. */
  shows(selector: string): Promise<boolean> {
    return shadowHas(this.page, selector);
  }

  /** An element of Verbatim's UI: its box and outer HTML, or null. */
  ui(selector: string): ReturnType<typeof shadowQuery> {
    return shadowQuery(this.page, selector);
  }

  async waitShown(selector: string, what: string, timeoutMs = 10_000): Promise<void> {
    await waitFor(() => this.shows(selector), timeoutMs, what);
  }

  async waitGone(selector: string, what: string, timeoutMs = 10_000): Promise<void> {
    await waitFor(async () => !(await this.shows(selector)), timeoutMs, what);
  }

  // ---- Drawn passages -----------------------------------------------------------------------

  drawn(): Promise<Drawn[]> {
    return drawn(this.page);
  }

  async drawnTexts(): Promise<string[]> {
    return (await this.drawn()).map((d) => d.text);
  }

  /** Waits until `text` is drawn (as `name`, `verbatim-<kind>-<colour>`, when given). */
  async waitDrawn(text: string, name?: string): Promise<void> {
    await waitFor(async () => (await this.drawn()).some((d) => d.text === text && (!name || d.name === name)), 10_000, `"${text}" drawn ${name ?? ''}`).catch(
      async (e: unknown) => {
        throw new Error(`${(e as Error).message}; drawn: ${JSON.stringify(await this.drawn())}`);
      },
    );
  }

  /** Waits until `text` is no longer drawn. */
  async waitNotDrawn(text: string, what: string): Promise<void> {
    await waitFor(async () => !(await this.drawnTexts()).includes(text), 10_000, what);
  }

  // ---- A passage's card ---------------------------------------------------------------------

  /** Clicks the middle of the first occurrence of `text` (a plain click, no drag). */
  async clickText(text: string): Promise<void> {
    const point = await this.evaluateIsolated(middlePoint, { text });
    if (!point) throw new Error(`text not found: ${text}`);
    await this.page.mouse.click(point.x, point.y);
  }

  /** Clicks a drawn passage (any of its text) and waits for its card. */
  async openCard(text: string): Promise<void> {
    await this.clickText(text);
    await this.waitShown(UI.card, 'the card');
  }

  /** Presses Escape and waits until the card is gone. */
  async closeCard(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.waitGone(UI.card, 'the card closed');
  }

  /**
   * The card's note editor: a frame of the extension's origin inside the closed shadow root
   * (Playwright lists every frame, whatever root holds it), once its note field is there.
   */
  async editor(): Promise<Frame> {
    return waitFor(async () => {
      const frame = this.page.frames().find((f) => f.url().includes('/note-editor.html'));
      return frame && (await frame.locator('textarea.note-field').count()) > 0 ? frame : undefined;
    }, 10_000, 'the card’s note editor');
  }

  /** Waits until the focus is on the editor's field of class `field` (note-field, tag-input). */
  async waitEditorFocus(editor: Frame, field: 'note-field' | 'tag-input'): Promise<void> {
    await waitFor(() => editor.evaluate((c) => document.activeElement?.classList.contains(c) ?? false, field), 10_000, `focus in the ${field}`);
  }
}
