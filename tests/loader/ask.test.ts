// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ExtensionApi, LoaderCall } from '../../entrypoints/loader/api';
import { askForNotes } from '../../entrypoints/loader/ask';
import { userInput } from '../../utils/page/page-input';

type Listener = Parameters<ExtensionApi['runtime']['onMessage']['addListener']>[0];

function setUp(hasNotes: (url: string) => boolean) {
  const asked: string[] = [];
  let loads = 0;
  let listener: Listener | undefined;
  const api: ExtensionApi = {
    runtime: {
      id: 'ext',
      getURL: (p) => `moz-extension://uuid${p}`,
      sendMessage: async () => undefined,
      onMessage: { addListener: (l) => void (listener = l) },
    },
  };
  const call: LoaderCall = async (type, payload) => {
    if (type !== 'hasNotes') return undefined;
    const url = (payload as { url: string }).url;
    asked.push(url);
    return hasNotes(url);
  };
  const state = userInput({});
  askForNotes(state, api, call, async () => void loads++, document);
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const refresh = (sender: { id?: string; tab?: unknown; url?: string }) =>
    new Promise<unknown>((resolve) => {
      const async = listener!({ verbatim: 1, type: 'refresh', payload: {} }, sender, resolve);
      if (!async) resolve('ignored');
    });
  return { asked, loads: () => loads, flush, refresh, state };
}

describe('Firefox: the loader asks whether its page has notes', () => {
  it('asks once for this URL and loads the page script when it has notes', async () => {
    const t = setUp(() => true);
    await t.flush();
    expect(t.asked).toEqual([location.href]);
    expect(t.loads()).toBe(1);
  });

  it('loads nothing for a page without notes; an extension page’s refresh asks again', async () => {
    let notes = false;
    const t = setUp(() => notes);
    await t.flush();
    expect(t.loads()).toBe(0);
    notes = true;
    expect(await t.refresh({ id: 'ext' })).toEqual({ ok: true, value: true });
    expect(t.asked).toHaveLength(2);
    expect(t.loads()).toBe(1);
  });

  it('ignores a refresh from anyone but Verbatim (another extension, a web page’s tab)', async () => {
    const t = setUp(() => false);
    await t.flush();
    expect(await t.refresh({ id: 'other' })).toBe('ignored');
    expect(await t.refresh({ id: 'ext', tab: {}, url: 'https://evil.example/' })).toBe('ignored');
    expect(await t.refresh({ id: 'ext', tab: {}, url: 'moz-extension://uuid/popup.html' })).toEqual({ ok: true, value: true });
    expect(t.asked).toHaveLength(2);
  });
});
