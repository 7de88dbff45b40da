import { describe, expect, it } from 'vitest';
import { caller, extensionApi, pageLoader, type ExtensionApi } from '../../entrypoints/loader/api';

/** An extension API whose every property read is recorded, answering sendMessage with `reply`. */
function recordingApi(reply: (m: unknown) => unknown) {
  const reads: string[] = [];
  const sent: unknown[] = [];
  const runtime = {
    id: 'ext',
    getURL: (p: string) => `chrome-extension://ext${p}`,
    sendMessage: async (m: unknown) => {
      sent.push(m);
      return reply(m);
    },
    onMessage: { addListener: () => undefined },
  };
  const api = new Proxy({ runtime } as ExtensionApi, {
    get(target, key, receiver) {
      reads.push(String(key));
      return Reflect.get(target, key, receiver);
    },
  });
  return { api, reads, sent };
}

describe('the loader’s line to the background', () => {
  it('touches the extension API only when a call is made', async () => {
    const { api, reads, sent } = recordingApi(() => ({ ok: true, value: true }));
    const call = caller(() => api);
    const load = pageLoader(call);
    expect(reads).toEqual([]);
    await load();
    expect(reads).toContain('runtime');
    expect(sent).toEqual([{ verbatim: 1, type: 'loadPage', payload: {} }]);
  });

  it('asks for the page script once, and again only after a refusal', async () => {
    let answer: unknown = { ok: false, error: 'no' };
    const { api, sent } = recordingApi(() => answer);
    const load = pageLoader(caller(() => api));
    await Promise.all([load(), load()]);
    expect(sent).toHaveLength(1);
    answer = { ok: true, value: true };
    await load();
    await load();
    expect(sent).toHaveLength(2);
  });

  it('answers undefined for an orphaned loader (no API, or the extension gone)', async () => {
    expect(await caller(() => undefined)('hasNotes', { url: 'https://example.org/' })).toBeUndefined();
    const gone = recordingApi(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(await caller(() => gone.api)('loadPage', {})).toBeUndefined();
  });

  it('finds the browser’s own API: `browser` where it has a runtime id, else `chrome`, else none', () => {
    const real = { runtime: { id: 'ext' } };
    expect(extensionApi({ browser: real })).toBe(real);
    expect(extensionApi({ browser: { runtime: {} }, chrome: real })).toBe(real);
    // A page's named element in the global's place has no runtime id: it is not the API.
    expect(extensionApi({ chrome: { runtime: { name: 'runtime' } } })).toBeUndefined();
    expect(extensionApi({})).toBeUndefined();
  });
});
