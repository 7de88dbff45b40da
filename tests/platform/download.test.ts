// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { download } from '../../utils/platform/download';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('download', () => {
  it('clicks a hidden <a download> on a Blob URL, removes it, and frees the URL later', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:verbatim/1';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: Array<{ href: string; download: string; inDocument: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
    });

    download('\uFEFFHighlight,Title\r\n« é »,x\r\n', 'verbatim-readwise.csv', 'text/csv;charset=utf-8');
    expect(clicked).toEqual([{ href: 'blob:verbatim/1', download: 'verbatim-readwise.csv', inDocument: true }]);
    expect(document.querySelector('a')).toBeNull();
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    // Written as UTF-8, byte order mark included.
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:verbatim/1');
  });

  it('takes bytes as they are', async () => {
    let blob: Blob | undefined;
    URL.createObjectURL = vi.fn((b: Blob) => ((blob = b), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    download(new Uint8Array([0x50, 0x4b, 3, 4]), 'a.zip', 'application/zip');
    expect([...new Uint8Array(await blob!.arrayBuffer())]).toEqual([0x50, 0x4b, 3, 4]);
  });
});
