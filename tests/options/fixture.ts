import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { renderPerTest, type RenderTarget } from '../support/preact';

/**
 * The options page's tests, each with its own database and host (renderPerTest), in a browser
 * that granted no optional permission and has no keyboard command set.
 */
export function optionsPerTest(use: (target: RenderTarget) => void): void {
  renderPerTest(use);
  beforeEach(() => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([] as never);
  });
}
