/**
 * What a page's own scripts hear of the keyboard, shared by the Chromium e2e tests (Playwright)
 * and the Firefox check (Puppeteer): both evaluate these functions in the page.
 */

/**
 * Runs in the page: records every key and text-input event from the window's capture phase
 * (before anything else can stop it), what Verbatim's UI must never let through.
 */
export function listenForKeys(): void {
  const heard: string[] = [];
  (window as unknown as { __heard: string[] }).__heard = heard;
  for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'compositionend']) {
    window.addEventListener(type, (e) => heard.push(`${(e as KeyboardEvent).key ?? ''}${(e as InputEvent).data ?? ''}`), true);
  }
}

/** Runs in the page: everything heard since `listenForKeys`, as one string. */
export function heardKeys(): string {
  return (window as unknown as { __heard: string[] }).__heard.join('');
}
