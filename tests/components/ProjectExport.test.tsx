// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProjectExport } from '../../components/ProjectExport';
import { offeredStyles } from '../../utils/citation/catalog';
import type { VerbatimDb } from '../../utils/db/schema';
import { msg } from '../support/i18n';
import { renderPerTest } from '../support/preact';
import { CAMUS_ARTICLE, sampleNotes, sampleProjectRecord, TRUST_ARTICLE } from '../support/project';
import { waitFor } from '../support/wait';

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

/** What the page saved through `<a download>`: the file's name and its Blob. */
let saved: Array<{ name: string; blob: Blob }>;
beforeEach(async () => {
  await db.articles.bulkPut([CAMUS_ARTICLE, TRUST_ARTICLE]);
  await db.notes.bulkPut(sampleNotes());
  await db.projects.put(sampleProjectRecord());
  saved = [];
  // jsdom has no Blob URLs: the last Blob made into one is what the link saves.
  let last: Blob | undefined;
  URL.createObjectURL = (blob: Blob) => ((last = blob), 'blob:test');
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: last! });
  });
});
afterEach(() => {
  delete (URL as { createObjectURL?: unknown }).createObjectURL;
  delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
});

const mount = () => act(() => render(<ProjectExport db={db} projectId="proj-1" name="Conférence relation client" citationStyles={offeredStyles({ citationStyle: 'chicago-notes' })} />, host));
const button = (action: string) => host.querySelector<HTMLButtonElement>(`[data-export="${action}"]`)!;
const said = () => host.querySelector('[data-export-status]');

describe('ProjectExport', () => {
  it('is a named group: the style picker, then three buttons with their names', async () => {
    await mount();
    const group = host.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toBe(msg('projectExportOf', 'Conférence relation client'));
    expect(group.querySelector('select')!.getAttribute('aria-label')).toBe(msg('citationStyleLabel'));
    expect(group.querySelector('select')!.value).toBe('chicago-notes');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual([msg('projectExportMarkdown'), msg('projectExportRichText'), msg('projectExportDocx')]);
  });

  it('downloads the Markdown in the style picked, and says so', async () => {
    await mount();
    const select = host.querySelector('select')!;
    await act(() => {
      select.value = 'apa';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => button('markdown').click());
    await waitFor(() => said()?.textContent === msg('exportDone', 'Conférence relation client.md'), 5_000, 'the export said done');
    expect(saved.map((s) => s.name)).toEqual(['Conférence relation client.md']);
    const text = await saved[0]!.blob.text();
    expect(text).toMatch(/^\[\^1\]: Albert Camus, as cited in Martin, J\. \(2024/mu);
  });

  it('says where the user clicked that the project is gone', async () => {
    await mount();
    await db.projects.delete('proj-1');
    await act(() => button('docx').click());
    await waitFor(() => said()?.getAttribute('role') === 'alert', 5_000, 'an alert');
    expect(said()!.textContent).toBe(msg('exportFailed', msg('projectExportGone')));
    expect(saved).toEqual([]);
  });

  it('says the clipboard refused, in words, when it did', async () => {
    vi.stubGlobal('ClipboardItem', class {
      constructor(readonly items: Record<string, Promise<Blob>>) {}
    });
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator) as Navigator, { clipboard: { write: () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')) } }));
    await mount();
    await act(() => button('rich-text').click());
    await waitFor(() => said()?.getAttribute('role') === 'alert', 5_000, 'an alert');
    expect(said()!.textContent).toBe(msg('projectExportCopyFailed', msg('projectExportClipboardRefused')));
  });
});
