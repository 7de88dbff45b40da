import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hasSelection, trackUserInput, userInput } from '../../utils/page/page-input';
import { caller, extensionApi, pageLoader } from './api';
import { askForNotes } from './ask';
import { pinExtensionApi } from './pin';

/**
 * What the manifest puts in every web page, from `document_start`: a few kB, no UI, no
 * anchoring, no Readability. It
 * - pins the extension API before the page has any element that could shadow it (./pin.ts);
 * - follows the user's trusted input (utils/page/page-input.ts): a selection they make asks the
 *   background for the page script (./api.ts), which then shows the toolbar.
 * That is all it does in a page without notes: it does not touch the extension API until the user
 * selects text (the API's first use costs a page about 1 ms). A page with notes gets the page
 * script from the background, which learns of each navigation (background/navigation.ts); in
 * Firefox the loader asks instead (./ask.ts).
 * Everything else (entrypoints/page: highlighter, anchoring, toolbar and card; entrypoints/clip:
 * Readability) is injected by the background into this same isolated world when needed. A page
 * without notes never gets more than this, and sees none of it.
 */
export default defineUnlistedScript(() => {
  pinExtensionApi();
  const state = userInput();
  if (state.loader) return;
  state.loader = true;
  const call = caller();
  const load = pageLoader(call);

  // The window, not the document: see trackUserInput.
  // Asked for as soon as the user's drag selects something: it arrives while they drag.
  trackUserInput(window, { onUserSelection: () => void load(), onSelecting: () => void load() });
  // A selection the user made before this loader ran (it starts with the document, but a
  // reload keeps nothing) needs no special case: the next mouse-up or key is theirs.
  if (state.userSelection && hasSelection(window)) void load();
  if (import.meta.env.FIREFOX) {
    const api = extensionApi();
    if (api) askForNotes(state, api, call, load);
  }
});
