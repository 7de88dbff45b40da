/**
 * The pages Verbatim works in: every http and https page, as match patterns. The manifest's
 * host permissions, content script and web-accessible editor (wxt.config.ts), the context menu
 * and every query for tabs use this one list. No import: wxt.config.ts reads it in Node.
 */
export const WEB_PAGES = ['http://*/*', 'https://*/*'] as const;
