/**
 * Copies text from a click handler. The async Clipboard API needs a secure context (https or
 * localhost); on plain-http pages a hidden textarea in our own shadow root and `copy` do it.
 */
export async function copyText(text: string, shadowScratch: () => HTMLElement): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('style', 'position: fixed; opacity: 0; pointer-events: none;');
  const scratch = shadowScratch();
  scratch.append(area);
  area.focus();
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
