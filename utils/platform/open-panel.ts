import { browser } from 'wxt/browser';

/**
 * Opens Verbatim's side panel (Chrome) or sidebar (Firefox). Must run inside a user gesture
 * (a click handler), before any await: both browsers refuse otherwise.
 */
export function openSidePanel(windowId?: number): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel && windowId !== undefined) return api.sidePanel.open({ windowId });
  if (api.sidebarAction) return api.sidebarAction.open();
  return Promise.reject(new Error('no side panel in this browser'));
}
