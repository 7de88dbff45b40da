// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import { canonicalOf, languageName, shortUrl } from '../../entrypoints/popup/ArticleSummary';
import { saveClip } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { ArticleDraft, Note } from '../../utils/domain/model';
import { msg } from '../support/i18n';
import { renderPerTest } from '../support/preact';

const PAGE = 'https://blog.example/amp/composter-en-appartement/';
const TAB = 7;
const TEXT = [
  'Le compostage en appartement commence par un lombricomposteur. Le lombricomposteur tient sur un balcon.',
  'Les déchets organiques nourrissent les vers du lombricomposteur. Les déchets organiques ne sentent pas.',
].join('\n\n');
const draft: ArticleDraft = {
  url: PAGE,
  canonicalUrl: 'https://www.blog.example/composter-en-appartement/',
  title: 'Composter en appartement',
  byline: 'Léa Martin',
  siteName: 'Le Blog',
  lang: 'fr-FR',
  html: `<p>${TEXT}</p>`,
  text: TEXT,
  wordCount: 32,
  readingMinutes: 1,
};
const note = (extra: Partial<Note> = {}): Note => ({
  id: 'n1',
  url: PAGE,
  kind: 'quote',
  color: 'yellow',
  exact: 'Le lombricomposteur tient sur un balcon.',
  selectors: [{ type: 'TextQuoteSelector', exact: 'Le lombricomposteur tient sur un balcon.' }],
  note: '',
  tags: [],
  createdAt: 1_000,
  updatedAt: 1_000,
  ...extra,
});

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));
let asked: string[];
let clipboard: string[];

/** Scripts injected into tabs before they were asked. */
let injected: Array<{ tabId: number; files: string[] }>;

beforeEach(() => {
  localStorage.clear();
  asked = [];
  clipboard = [];
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: TAB, windowId: 1, url: PAGE, title: draft.title } as never);
  // The page script and the clipper are injected on demand before a tab is asked (utils/messaging/rpc.ts).
  injected = [];
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (o: { target: { tabId: number }; files: string[] }) => {
    injected.push({ tabId: o.target.tabId, files: o.files });
    return [];
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string }) => {
    asked.push(message.type);
    return message.type === 'extractArticle' ? { ok: true, value: draft } : { ok: true, value: null };
  }) as never);
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void clipboard.push(text) },
  });
});

const show = (tabId = TAB) => act(() => render(<App db={db} tabId={tabId} />, host));
const $ = (selector: string) => host.querySelector<HTMLElement>(selector);

describe('the clipped article’s summary', () => {
  it('shows the language by name, the canonical URL when it differs, and a link to the saved copy', async () => {
    const article = await saveClip(db, draft);
    await show();
    await vi.waitFor(() => expect($('[data-testid="article-summary"]')).not.toBeNull());
    const summary = $('[data-testid="article-summary"]')!;
    expect(summary.textContent).toContain('32 words · 1 min read · French');
    const canonical = summary.querySelector<HTMLAnchorElement>('[data-testid="canonical-url"]')!;
    expect(canonical.textContent).toBe('blog.example/composter-en-appartement');
    expect(canonical.href).toBe(draft.canonicalUrl);
    expect(canonical.target).toBe('_blank');
    expect(canonical.closest('p')!.textContent).toContain('Canonical URL:');
    const read = $('a[data-action="read"]') as HTMLAnchorElement;
    expect(read.textContent).toBe('Read');
    expect(read.href).toBe(`chrome-extension://test-extension-id/reader.html?id=${encodeURIComponent(article.id)}`);
    expect(read.target).toBe('_blank');
  });

  it('shows no canonical URL when it is the page’s own', async () => {
    await saveClip(db, { ...draft, canonicalUrl: `${PAGE}?utm_source=feed` });
    await show();
    await vi.waitFor(() => expect($('[data-testid="article-summary"]')).not.toBeNull());
    expect($('[data-testid="canonical-url"]')).toBeNull();
  });
});

describe('tag suggestions for a page with notes but no clip', () => {
  it('reads the page’s text from the tab, once, and suggests from it', async () => {
    await db.articles.put({ id: 'a1', url: PAGE, title: draft.title, lang: 'fr', tags: [], createdAt: 1, updatedAt: 1 });
    await db.notes.put(note());
    await show();
    await vi.waitFor(() => expect($('[data-testid="tag-suggestions"]')).not.toBeNull());
    const chips = [...host.querySelectorAll('.chip-suggest')].map((b) => b.textContent);
    expect(chips).toContain('+ lombricomposteur');
    expect(asked.filter((x) => x === 'extractArticle')).toHaveLength(1);
    // Adding a tag re-runs the suggestions, not the extraction.
    await act(() => (host.querySelector('.chip-suggest') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(host.querySelectorAll('.article-tags .tag-name').length).toBe(1));
    expect(asked.filter((x) => x === 'extractArticle')).toHaveLength(1);
    // Nothing was clipped.
    expect(await db.bodies.count()).toBe(0);
  });

  it('does not ask the page when the article is clipped', async () => {
    await saveClip(db, draft);
    await show();
    await vi.waitFor(() => expect($('[data-testid="tag-suggestions"]')).not.toBeNull());
    expect(asked).not.toContain('extractArticle');
  });

  it('offers none, quietly, when the page cannot answer', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    // Another tab: the popup remembers what each tab answered while it is open.
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: TAB + 1, windowId: 1, url: PAGE, title: draft.title } as never);
    await db.articles.put({ id: 'a1', url: PAGE, title: draft.title, tags: [], createdAt: 1, updatedAt: 1 });
    await db.notes.put(note());
    await show(TAB + 1);
    await vi.waitFor(() => expect(host.querySelector('li.note')).not.toBeNull());
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect($('[data-testid="tag-suggestions"]')).toBeNull();
  });
});

describe('copying a citation from the popup', () => {
  it('copies plain text with “Copy citation”, Markdown with “Markdown”', async () => {
    await saveClip(db, draft);
    await db.notes.put(note());
    await show();
    await vi.waitFor(() => expect(host.querySelector('li.note')).not.toBeNull());
    const button = (action: string) => host.querySelector<HTMLButtonElement>(`li.note button[data-action="${action}"]`)!;
    expect(button('copy-text').textContent).toBe('Copy citation');
    expect(button('copy-markdown').textContent).toBe('Markdown');
    expect(button('copy-markdown').getAttribute('aria-label')).toBe('Copy Markdown');

    await act(() => button('copy-text').click());
    await vi.waitFor(() => expect(clipboard).toHaveLength(1));
    expect(clipboard[0]).not.toMatch(/^> /mu);

    await act(() => button('copy-markdown').click());
    await vi.waitFor(() => expect(clipboard).toHaveLength(2));
    expect(clipboard[1]).toMatch(/^> /mu);
    // APA 7, the default style, in the article's language (French).
    expect(clipboard[1]).toContain('> — [(Martin, s.d.)](https://');
    expect(clipboard[1]).toContain('Martin, L. (s.d.). Composter en appartement. *Le Blog*.');
    await vi.waitFor(() => expect(button('copy-markdown').textContent).toBe('Copied.'));

    // Another style picked beside the buttons: the next copy is in it.
    const picker = host.querySelector<HTMLSelectElement>('li.note select[data-action="citation-style"]')!;
    expect([...picker.options].map((o) => o.value)).toContain('mla');
    await act(() => {
      picker.value = 'mla';
      picker.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => button('copy-text').click());
    await vi.waitFor(() => expect(clipboard).toHaveLength(3));
    expect(clipboard[2]).toContain('Martin, Léa. «\u202FComposter en appartement\u202F». Le Blog,');
  });
});

describe('summary helpers', () => {
  it('names a language in the reader’s language, and nothing for what it cannot name', () => {
    expect(languageName('fr-FR', 'en')).toBe('French');
    expect(languageName('en-GB', 'fr')).toBe('anglais');
    expect(languageName('de', 'fr')).toBe('allemand');
    expect(languageName(undefined, 'en')).toBe('');
    expect(languageName('not a language!', 'en')).toBe('');
  });

  it('gives the canonical URL only when it is another web page', () => {
    const url = 'https://blog.example/post/';
    expect(canonicalOf({ url, canonicalUrl: 'https://blog.example/post/#top' })).toBeUndefined();
    expect(canonicalOf({ url, canonicalUrl: 'https://blog.example/post/?utm_source=x' })).toBeUndefined();
    expect(canonicalOf({ url, canonicalUrl: 'https://news.example/post' })).toBe('https://news.example/post');
    expect(canonicalOf({ url, canonicalUrl: 'javascript:alert(1)' })).toBeUndefined();
    expect(canonicalOf({ url })).toBeUndefined();
  });

  it('shortens a URL to its host and path', () => {
    expect(shortUrl('https://www.example.com/blog/caf%C3%A9/?x=1#y')).toBe('example.com/blog/café');
    expect(shortUrl('https://example.com/')).toBe('example.com');
    expect(shortUrl('not a url')).toBe('not a url');
  });
});

describe('a write that fails in the popup says so where the user acted, and nothing goes unhandled', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('a clip storage refuses: under the Clip button', async () => {
    await show();
    await vi.waitFor(() => expect($('button[data-action="clip"]')).not.toBeNull());
    vi.spyOn(db.bodies, 'put').mockRejectedValueOnce(quota());
    await act(() => $('button[data-action="clip"]')!.click());
    await vi.waitFor(() => expect($('.page .notice.error')?.textContent).toBe(msg('storageFullNotSaved')));
    expect(await db.articles.count()).toBe(0);
  });

  it('the page’s tags: beside them, and the tag is not kept', async () => {
    await saveClip(db, draft);
    await show();
    await vi.waitFor(() => expect($('[data-testid="tag-suggestions"]')).not.toBeNull());
    vi.spyOn(db.articles, 'update').mockRejectedValueOnce(quota());
    await act(() => (host.querySelector('.chip-suggest') as HTMLButtonElement).click());
    await vi.waitFor(() => expect($('.article-tags [role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect((await db.articles.toArray())[0]!.tags).toEqual([]);
  });

  it('a page note storage refuses: in its form, which keeps the text; no article made for it either', async () => {
    await show();
    await vi.waitFor(() => expect($('.page-note-form textarea')).not.toBeNull());
    const field = host.querySelector<HTMLTextAreaElement>('.page-note-form textarea')!;
    await act(() => {
      field.value = 'À relire avant la réunion';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    vi.spyOn(db.notes, 'add').mockRejectedValueOnce(quota());
    await act(() => host.querySelector<HTMLFormElement>('.page-note-form')!.requestSubmit());
    await vi.waitFor(() => expect($('.page-note-form [role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect(host.querySelector<HTMLTextAreaElement>('.page-note-form textarea')!.value).toBe('À relire avant la réunion');
    expect([await db.notes.count(), await db.articles.count()]).toEqual([0, 0]);
  });

  it('a note that could not be deleted: on its row', async () => {
    await db.notes.put(note());
    await show();
    await vi.waitFor(() => expect(host.querySelector('li.note')).not.toBeNull());
    vi.spyOn(db.notes, 'bulkDelete').mockRejectedValueOnce(new Error('database locked'));
    await act(() => host.querySelector<HTMLButtonElement>('li.note button.note-delete')!.click());
    await vi.waitFor(() => expect(host.querySelector('li.note [role="alert"]')?.textContent).toBe(msg('noteDeleteFailed', 'database locked')));
    expect(await db.notes.count()).toBe(1);
  });

  it('settings or the side panel that cannot be opened: under the header', async () => {
    await show();
    await vi.waitFor(() => expect($('.settings-link')).not.toBeNull());
    vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockRejectedValueOnce(new Error('not now'));
    await act(() => $('.settings-link')!.click());
    await vi.waitFor(() => expect($('.popup > [role="alert"]')?.textContent).toBe(msg('openSettingsFailed', 'not now')));
    vi.spyOn(fakeBrowser.sidePanel, 'open').mockRejectedValueOnce(new Error('no user gesture'));
    await act(() => host.querySelector<HTMLButtonElement>('.popup-header .btn')!.click());
    await vi.waitFor(() => expect($('.popup > [role="alert"]')?.textContent).toBe(msg('openSidePanelFailed', 'no user gesture')));
    // The fake browser's own sidePanel.open throws at once instead of rejecting: said the same way.
    await act(() => host.querySelector<HTMLButtonElement>('.popup-header .btn')!.click());
    await vi.waitFor(() => expect($('.popup > [role="alert"]')?.textContent).toMatch(/^Could not open the side panel: sidePanel.open not implemented/));
  });
});

describe('notes saved on another address of this article', () => {
  const CANONICAL = 'https://www.blog.example/composter-en-appartement/';

  /** The tab's page says it is a copy of the canonical article (another origin). */
  function pageDeclares(addresses: string[]) {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string }) => {
      asked.push(message.type);
      if (message.type === 'declaredAddresses') return { ok: true, value: { url: PAGE, addresses } };
      return { ok: true, value: message.type === 'refresh' ? true : null };
    }) as never);
  }

  it('lists them with what to do; Show them on this page links the two, and the page is redrawn', async () => {
    await db.articles.put({ id: 'c1', url: CANONICAL, title: 'Composter en appartement', tags: [], createdAt: 1, updatedAt: 1 });
    await db.notes.put(note({ id: 'c-note', url: CANONICAL }));
    pageDeclares([CANONICAL]);
    await show();
    await vi.waitFor(() => expect($('section.other-addresses')).not.toBeNull());
    const section = $('section.other-addresses')!;
    expect(section.querySelector('h2')!.textContent).toBe(`${msg('otherAddressHeading')} (1)`);
    expect(section.textContent).toContain(msg('otherAddressNotShown'));
    expect(section.textContent).toContain(CANONICAL);
    expect([...section.querySelectorAll('.note-text')].map((n) => n.textContent)).toEqual(['Le lombricomposteur tient sur un balcon.']);
    // Not the page's own notes: its list stays empty.
    expect($('section.page-notes li.note')).toBeNull();
    await act(() => (section.querySelector('[data-action="show-here"]') as HTMLButtonElement).click());
    await vi.waitFor(() => expect($('[data-action="show-here"]')).toBeNull());
    expect((await db.articles.get('c1'))!.aliases).toEqual([PAGE]);
    expect($('section.other-addresses')!.textContent).toContain(msg('otherAddressShown'));
    expect(asked).toContain('refresh');
  });

  it('shows nothing when the page names no address with notes', async () => {
    pageDeclares(['https://elsewhere.example/']);
    await show();
    await vi.waitFor(() => expect(asked).toContain('declaredAddresses'));
    expect($('section.other-addresses')).toBeNull();
  });
});

describe('a note whose passage is missing, in the popup', () => {
  it('is listed apart; Open at passage asks the page to show it and says on its row that it is missing, with what to do', async () => {
    await db.notes.bulkPut([note(), note({ id: 'lost', exact: 'Une phrase réécrite depuis.', orphanedAt: 2_000 })]);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string; payload?: { id?: string } }) => {
      asked.push(message.type === 'revealNote' ? `revealNote:${message.payload?.id}` : message.type);
      // The page has no such passage: it says so there, and answers that nothing was shown.
      return { ok: true, value: message.type === 'revealNote' ? false : null };
    }) as never);
    await show();
    await vi.waitFor(() => expect($('section.orphans')).not.toBeNull());
    const orphans = $('section.orphans')!;
    expect(orphans.querySelector('h2')!.textContent).toBe(`${msg('orphansHeading')} (1)`);
    expect([...host.querySelectorAll('section.page-notes li.note .note-text')].map((n) => n.textContent)).toEqual(['Le lombricomposteur tient sur un balcon.']);
    await act(() => orphans.querySelector<HTMLButtonElement>('li.note [data-action="open"]')!.click());
    await vi.waitFor(() => expect(orphans.querySelector('li.note [role="alert"]')?.textContent).toBe(msg('passageMissingOpened')));
    expect(asked).toContain('revealNote:lost');
  });
});

describe('a note’s earlier versions in the popup', () => {
  it('lists them under their toggle, restores one, and Undo brings the note back', async () => {
    const before = note({
      note: 'Écrit ici',
      history: [{ note: 'Écrit sur le portable', tags: ['balcon'], color: 'blue', kind: 'quote', updatedAt: 900, replacedAt: 1_500, reason: 'sync' }],
    });
    await db.notes.put(before);
    await show();
    await vi.waitFor(() => expect($('li.note button.history-toggle')?.textContent).toBe(msg('historyToggleOne', '1')));
    await act(() => $('li.note button.history-toggle')!.click());
    expect($('li.note .history-list .history-text')!.textContent).toBe('Écrit sur le portable');
    await act(() => $('li.note button.history-restore')!.click());
    await vi.waitFor(() => expect($('li.note .note-comment')?.textContent).toBe('Écrit sur le portable'));
    expect($('li.note')!.dataset.color).toBe('blue');
    await act(() => [...host.querySelectorAll<HTMLButtonElement>('.undo-bar button')].find((b) => b.textContent === msg('undo'))!.click());
    await vi.waitFor(() => expect($('li.note .note-comment')?.textContent).toBe('Écrit ici'));
    expect(await db.notes.get('n1')).toEqual(before);
  });
});

describe('bulk changes on the page’s notes in the popup, each with one Undo', () => {
  const OTHER = 'https://blog.example/compost-au-jardin/';
  const start = [
    note({ id: 'n1', kind: 'highlight', tags: ['balcon'] }),
    note({ id: 'n2', kind: 'highlight', exact: 'Les déchets organiques ne sentent pas.', createdAt: 2_000, updatedAt: 2_000 }),
    note({ id: 'n3', kind: 'highlight', exact: 'Le compostage en appartement commence par un lombricomposteur.', createdAt: 3_000, updatedAt: 3_000 }),
  ];
  const stored = async () => (await db.notes.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
  const bar = () => $('.bulk-bar')!;
  const undoBar = () => $('.undo-bar');
  const click = (el: Element | null | undefined) => act(() => (el as HTMLElement).click());
  const select = async (...ids: string[]) => {
    for (const id of ids) await click(host.querySelector(`li.note[data-note-id="${id}"] input.note-select`));
  };
  /** Undo from the bar: every note is exactly as at the start. */
  async function undoAll() {
    await click([...undoBar()!.querySelectorAll('button')].find((b) => b.textContent === msg('undo')));
    await vi.waitFor(() => expect(undoBar()).toBeNull());
    expect(await stored()).toEqual(start);
  }

  beforeEach(async () => {
    await saveClip(db, draft);
    await db.articles.put({ id: 'other', url: OTHER, title: 'Composter au jardin', tags: [], createdAt: 5, updatedAt: 5 });
    await db.notes.bulkPut(start);
    await show();
    await vi.waitFor(() => expect(host.querySelectorAll('li.note')).toHaveLength(3));
  });

  it('selects notes one by one or all of them; the bar counts them', async () => {
    expect($('.bulk-bar')).toBeNull();
    await select('n2');
    expect(bar().querySelector('.bulk-count')!.textContent).toBe(msg('selectedOne', '1'));
    await click(bar().querySelector('[data-bulk="all"]'));
    expect(bar().querySelector('.bulk-count')!.textContent).toBe(msg('selectedOther', '3'));
    expect(bar().querySelector('[data-bulk="all"]')).toBeNull();
    await click([...bar().querySelectorAll('button')].find((b) => b.textContent === msg('bulkClear')));
    expect($('.bulk-bar')).toBeNull();
  });

  it('moves the selected notes to another article, and Undo brings them back to this page exactly', async () => {
    await select('n1', 'n3');
    await click(bar().querySelector('[data-bulk="move"]'));
    const list = bar().querySelector<HTMLSelectElement>('select')!;
    await vi.waitFor(() => expect([...list.options].map((o) => o.value)).toContain('other'));
    await act(() => {
      list.value = 'other';
      list.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click(bar().querySelector('button[type="submit"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesMovedOther', '2', 'Composter au jardin')));
    expect((await stored()).map((n) => n.url)).toEqual([OTHER, PAGE, OTHER]);
    // Gone from this page's list, and no longer selected.
    await vi.waitFor(() => expect(host.querySelectorAll('li.note')).toHaveLength(1));
    expect($('.bulk-bar')).toBeNull();
    await undoAll();
    await vi.waitFor(() => expect(host.querySelectorAll('li.note')).toHaveLength(3));
  });

  it('makes the selected notes quotes, attributed to this article, and back', async () => {
    await select('n2', 'n3');
    await click(bar().querySelector('[data-bulk="kind"]'));
    await click(bar().querySelector('[data-kind="quote"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesToQuoteOther', '2')));
    const [, n2] = await stored();
    expect(n2).toMatchObject({ kind: 'quote', attribution: { title: draft.title, author: 'Léa Martin' } });
    await undoAll();
  });

  it('tags, recolours and deletes every note of the page at once, each undone exactly', async () => {
    await select('n1');
    await click(bar().querySelector('[data-bulk="all"]'));
    await click(bar().querySelector('[data-bulk="tag"]'));
    const field = bar().querySelector<HTMLInputElement>('.bulk-panel input')!;
    await act(() => {
      field.value = 'à relire';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(bar().querySelector('.bulk-panel button[type="submit"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesTaggedOther', '3', 'à relire')));
    expect((await stored()).every((n) => n.tags.includes('à relire'))).toBe(true);
    await undoAll();

    await click(bar().querySelector('[data-bulk="color"]'));
    await click(bar().querySelector('.swatch-button[data-color="pink"]'));
    await vi.waitFor(() => expect(host.querySelectorAll('li.note[data-color="pink"]')).toHaveLength(3));
    await undoAll();

    await click(bar().querySelector('[data-bulk="delete"]'));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('notesDeletedOther', '3')));
    expect(await db.notes.count()).toBe(0);
    await undoAll();
    await vi.waitFor(() => expect(host.querySelectorAll('li.note')).toHaveLength(3));
  });

  it('says in the bar why a change was refused; nothing changed', async () => {
    await select('n1', 'n2');
    vi.spyOn(db.notes, 'bulkDelete').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await click(bar().querySelector('[data-bulk="delete"]'));
    await vi.waitFor(() => expect(bar().querySelector('[role="alert"]')?.textContent).toBe(msg('storageFullChangeNotSaved')));
    expect(undoBar()).toBeNull();
    expect(await stored()).toEqual(start);
  });

  it('deletes one of the page’s tags everywhere after asking, and Undo puts it back on every note and article', async () => {
    await db.notes.put({ ...note({ id: 'elsewhere', url: OTHER }), tags: ['balcon', 'jardin'] });
    await db.articles.update('other', { tags: ['balcon'] });
    const before = { notes: await stored(), articles: await db.articles.toArray() };
    await vi.waitFor(() => expect($('.delete-tag summary')).not.toBeNull());
    await click($('.delete-tag summary'));
    const choice = $('.delete-tag select') as HTMLSelectElement;
    await act(() => {
      choice.value = 'balcon';
      choice.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect($('.delete-tag [role="group"] p')?.textContent).toBe(msg('tagDeleteConfirm', 'balcon', '3')));
    await click([...host.querySelectorAll<HTMLButtonElement>('.delete-tag button')].find((x) => x.textContent === msg('tagDeleteButton')));
    await vi.waitFor(() => expect(undoBar()?.textContent).toContain(msg('tagDeletedOther', '3', 'balcon')));
    expect((await stored()).some((n) => n.tags.includes('balcon'))).toBe(false);
    expect((await db.articles.get('other'))!.tags).toEqual([]);
    await click([...undoBar()!.querySelectorAll('button')].find((b) => b.textContent === msg('undo')));
    await vi.waitFor(() => expect(undoBar()).toBeNull());
    expect({ notes: await stored(), articles: await db.articles.toArray() }).toEqual(before);
  });
});
