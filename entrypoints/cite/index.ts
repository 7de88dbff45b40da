import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { makeCitation } from '../../utils/citation/make';
import { CITE_ENGINE } from '../../utils/citation/in-page';

/**
 * The citation engine (citeproc-js, our styles and locales), injected into a tab's isolated world
 * only when the user copies a citation from the in-page card (the background injects it as it
 * answers `citeNote`): the page script finds it there, under a symbol of that world, which the
 * page's own scripts cannot see. Injected again, it changes nothing.
 */
export default defineUnlistedScript(() => {
  const g = globalThis as Record<symbol, unknown>;
  g[CITE_ENGINE] ??= makeCitation;
});
