import { existsSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { noHtmlSinks } from './scripts/no-html-sinks';
import { WEB_PAGES } from './utils/messaging/web-pages';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // VERBATIM_OUT_DIR: a second build beside .output (the e2e tests read it too), so two
  // people can build and test at once without overwriting each other's extension.
  outDir: process.env.VERBATIM_OUT_DIR ?? '.output',
  // The sources package (for store review) is what git tracks: not the e2e screenshots (git-ignored, ~4 MB).
  zip: { excludeSources: ['tests/e2e/__screenshots__/**'] },
  // Explicit imports everywhere: utils/ must stay plain modules usable from Node.
  imports: false,
  // noHtmlSinks: the bundled libraries' innerHTML assignments, removed (addons-linter, issue #11).
  // VERBATIM_NO_MINIFY=1: readable function names in a CPU profile of the extension's pages.
  vite: () => ({ plugins: [preact(), noHtmlSinks()], build: process.env.VERBATIM_NO_MINIFY ? { minify: false } : {} }),
  // `npm run dev` (scripts/dev.mjs) serves a sample article and opens it in the dev browser.
  webExt: {
    startUrls: process.env.VERBATIM_START_URL ? [process.env.VERBATIM_START_URL] : undefined,
    // Debian and Ubuntu ship Chromium where the launcher may not look for Chrome.
    binaries: !process.env.CHROME_PATH && existsSync('/usr/bin/chromium') ? { chrome: '/usr/bin/chromium' } : undefined,
    // Chromium refuses to start as root without this (containers, CI machines).
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser, command }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // IndexedDB needs no permission. sidePanel only exists in Chrome (Firefox gets sidebar_action).
    // Host access comes from the content script's matches alone: it must draw highlights on
    // every revisit, so there is no narrower grant that does the job.
    // contextMenus: "Highlight", "Save as quote", "Clip article", "Open Verbatim".
    // unlimitedStorage: years of notes with clipped articles outgrow the default quota, and in
    // Chrome it also exempts the extension's IndexedDB from eviction under storage pressure
    // (developer.chrome.com/docs/extensions/mv3/storage-and-cookies); the pages also ask persist().
    // scripting: page.js and clip.js are injected on demand into pages the host permissions
    // already cover (no new install warning); every page gets only the small loader.
    // webNavigation (Chrome): the background hears each navigation and injects page.js where the
    // page has notes, so the loader never touches the extension API in a page without notes
    // (entrypoints/background/navigation.ts). Next to the host permissions it adds no install
    // warning in Chrome (tests/e2e/loader.e2e.test.ts asks Chrome); Firefox would warn, so there
    // the loader asks instead.
    // alarms (sync, issue #15): the periodic sync and the retry after a failure survive the
    // service worker going to sleep. storage (sync): the setup with its password and the status
    // live in storage.local, out of IndexedDB, so no backup or export ever reads them. Neither
    // adds an install warning, in either browser.
    permissions:
      browser === 'firefox'
        ? ['alarms', 'contextMenus', 'scripting', 'storage', 'unlimitedStorage']
        : ['alarms', 'contextMenus', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage', 'webNavigation'],
    // The same scope as the content script's matches; it also lets the popup and side panel
    // read which page a tab shows (tab.url), which content-script matches alone do not grant.
    host_permissions: [...WEB_PAGES],
    // Sync's server (issue #15): a user who restricted Verbatim's site access grants the one
    // origin of their CouchDB from the options page, in the click (permissions.request). Only an
    // optional permission may be requested; optional ones add no install warning. Firefox MV2 has
    // no optional_host_permissions: origins go in optional_permissions there.
    // notifications (the daily review's reminder, issue #17): optional, asked for in the click
    // that turns the reminder on; it would add an install warning ("Display notifications") if
    // required, and most users never turn the reminder on.
    ...(browser === 'firefox'
      ? { optional_permissions: [...WEB_PAGES, 'notifications'] }
      : { optional_permissions: ['notifications'], optional_host_permissions: [...WEB_PAGES] }),
    action: { default_title: '__MSG_extName__' },
    // The in-page card's note editor is this page in a frame: what the user types in it stays in
    // the extension's origin, out of the page's key and input events (utils/page/note-editor.ts).
    // use_dynamic_url (Chrome): reachable only at a per-session URL that runtime.getURL gives the
    // content script, so no page can probe the fixed chrome-extension://<id>/ URL to learn that
    // Verbatim is installed. Firefox's moz-extension:// origin is already a per-install secret.
    web_accessible_resources: [
      {
        resources: ['note-editor.html'],
        matches: [...WEB_PAGES],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Declared here rather than with defineContentScript: WXT's content-script context announces
    // itself to the page (a window message and a document event named after the extension's id)
    // and tears the script down on a matching event any page can dispatch. Every page gets only
    // the loader (entrypoints/loader: a few kB, from document_start, when it can still pin the
    // extension API); page.js (highlighter, anchoring, toolbar and card) and clip.js (Readability)
    // are injected by the background with `scripting` when the page has notes, the user selects
    // text, or an extension page asks the tab for something (utils/messaging/rpc.ts).
    content_scripts: [{ matches: [...WEB_PAGES], js: ['loader.js'], run_at: 'document_start' }],
    // Suggested keys; users change them in the browser's extension shortcuts page.
    commands: {
      'highlight-selection': { suggested_key: { default: 'Alt+Shift+H' }, description: '__MSG_commandHighlight__' },
      'quote-selection': { suggested_key: { default: 'Alt+Shift+Q' }, description: '__MSG_commandQuote__' },
      ...(browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+V' }, description: '__MSG_commandPanel__' } }
        : { 'open-side-panel': { suggested_key: { default: 'Alt+Shift+V' }, description: '__MSG_commandPanel__' } }),
    },
    // data_collection_permissions (Firefox's install-time consent, required by AMO): Verbatim sends
    // nothing to its developers or to anyone they chose. Sync (issue #15), off by default, sends the
    // library only to the CouchDB server the user names and runs or rents, encrypted if they wish:
    // the user's own storage, not collection by the extension.
    browser_specific_settings:
      browser === 'firefox'
        ? { gecko: { id: 'verbatim@verbatim.invalid', data_collection_permissions: { required: ['none'] } } }
        : undefined,
    // Chrome 148+: messages are structured clones, as in Firefox, instead of JSON re-encoded to
    // UTF-8. Sending a long page's text to be matched in the background then costs the page a
    // copy, not a serialisation (older Chrome ignores the key and keeps JSON).
    ...(browser === 'firefox' ? {} : { message_serialization: 'structured_clone' }),
    // WXT writes this as MV2's plain string for Firefox. Checked by tests/manifest.test.ts.
    content_security_policy: { extension_pages: extensionPagesCsp(command === 'serve') },
  }),
});

/**
 * The extension pages' CSP (popup, side panel, reader, options, note editor, background): nothing
 * remote, ever. Every script, style, font and worker comes from the package ('self').
 * - connect-src https: http: — only for sync with the CouchDB server the user chose (issue #15),
 *   whose origin is known only at run time (a NAS at http://192.168.1.5:5984 cannot be named in
 *   advance: CSP has no wildcard for addresses). What may be reached is decided in code: nothing
 *   until the user sets sync up, then that one server (utils/sync/url.ts refuses plain http to a
 *   host that is not local). No other code fetches: the clipper's images are fetched in the page.
 *   `npm run dev` also lets Vite's client reach its dev server (ws:).
 * - img-src: a clipped article may name remote images, but the saved copy is read offline and
 *   privately: only the package's, inline `data:` images, and `blob:` URLs, which is how the reader
 *   shows the images saved with a copy (entrypoints/reader/images.ts); never a remote one (as the
 *   reader's own meta CSP says, entrypoints/reader/index.html).
 * - worker-src 'self': backup import and export run in a module worker from the package.
 * - style-src 'unsafe-inline': the note editor injects the card's CSS as a <style> element
 *   (entrypoints/note-editor/main.tsx); no stored HTML keeps a style attribute or element.
 * - No frame-ancestors: the note editor must be framed by the pages the user annotates, and the
 *   other pages are not web-accessible, so no page can frame them anyway.
 */
function extensionPagesCsp(devServer: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    devServer ? "connect-src 'self' https: http: ws://localhost:*" : 'connect-src https: http:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
