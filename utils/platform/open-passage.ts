import { browser } from 'wxt/browser';
import type { Note, TextQuoteSelector } from '../domain/model';
import { callTab } from '../messaging/rpc';
import { tabShowing } from '../messaging/tabs';
import { linkToPassage } from '../domain/text-fragment';

/** How long a freshly opened page may take before its content script answers. */
const OPEN_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * "Open at passage": switches to the tab showing the note's page (or opens it), scrolls to the
 * passage and flashes it. When no content script can answer there (the page refuses extensions,
 * or it is a PDF), the page is loaded with a text-fragment link, which the browser scrolls itself.
 * Resolves to how the passage was reached. A page note (no passage) only brings its page up.
 */
export async function openAtPassage(note: Note): Promise<'revealed' | 'orphan' | 'fragment'> {
  let tab = await tabShowing(note.url);
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => {});
  } else {
    tab = await browser.tabs.create({ url: note.url, active: true });
  }
  // A note on the page as a whole: the page is what it is about, shown.
  if (note.kind === 'page') return 'revealed';
  const tabId = tab.id!;
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  for (;;) {
    const reply = await callTab(tabId, 'revealNote', { id: note.id });
    if (reply.ok) return reply.value ? 'revealed' : 'orphan';
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  const quote = note.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  await browser.tabs.update(tabId, { url: linkToPassage(note.url, quote ?? { exact: note.exact }) });
  return 'fragment';
}
