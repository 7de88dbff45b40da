import { closestOf, elementOf } from '../../utils/dom/pristine';
import { hasSelection, type UserInput } from '../../utils/page/page-input';
import type { PageNotes } from './page-notes';
import type { Panel } from './panel';
import { Scope, type Timer } from './scope';

export const FORM_FIELDS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/** Whether a selection is the page's own text: not inside a form field or an editable region. */
export function isPageText(range: Range): boolean {
  const el = elementOf(range.commonAncestorContainer);
  return !!el && !closestOf(el, FORM_FIELDS);
}

export interface SelectionObserverOptions {
  doc: Document;
  /** The user's input, as utils/page/page-input.ts tracks it: whether the selection is theirs. */
  input: UserInput;
  panel: Pick<Panel, 'contains' | 'typing' | 'hide' | 'unselect' | 'showToolbar' | 'openCard'>;
  notes: Pick<PageNotes, 'at' | 'containing'>;
  /** Whether to go on handling events (see Scope). */
  alive?: () => boolean;
  /** Test seam: whether an event is the user's (the browser's `isTrusted`). */
  trusted?: (e: Event) => boolean;
}

/**
 * When the toolbar shows: once the user (never a script) has selected some of the page's text,
 * with the mouse or the keyboard. A press elsewhere hides the panel; a plain click on a drawn
 * passage opens its card.
 */
export class SelectionObserver {
  readonly #o: SelectionObserverOptions;
  readonly #scope: Scope;
  /** The pause that ends a keyboard selection. */
  #keyboard: Timer | undefined;

  constructor(options: SelectionObserverOptions) {
    this.#o = options;
    const { doc, input, panel, notes } = options;
    const trusted = options.trusted ?? ((e: Event) => e.isTrusted);
    const scope = (this.#scope = new Scope(options.alive));

    scope.listen<MouseEvent>(doc, 'mousedown', (e) => {
      if (!trusted(e) || panel.contains(e.target)) return;
      // A keyboard-selection timer set before this drag must not fire in the middle of it.
      scope.cancel(this.#keyboard);
      panel.hide();
    }, { capture: true });
    scope.listen<MouseEvent>(doc, 'mouseup', (e) => {
      // A page can dispatch a mouseup (and select text itself): only the user's own counts.
      if (!trusted(e) || panel.contains(e.target)) return;
      // Let the browser settle the selection (a click inside a selection collapses it after mouseup).
      scope.later(() => {
        if (hasSelection(doc)) {
          input.userSelection = true;
          return this.check();
        }
        // A plain click on a drawn passage (not on a link) opens its card.
        if (closestOf(e.target instanceof Node ? e.target : null, 'a, button, input, textarea, select, label')) return;
        const note = notes.at(e.clientX, e.clientY);
        if (note) panel.openCard(note);
      }, 0);
    }, { capture: true });
    // Keyboard selections (Shift+arrows, select-all) arrive as selectionchange without a mouse. The
    // browser fires selectionchange for a script's selection too, trusted: whether it is the user's
    // is decided by the input tracker (which listens first), and check() shows nothing else.
    scope.listen(doc, 'selectionchange', () => {
      if (input.mouseDown || panel.typing()) return;
      scope.cancel(this.#keyboard);
      this.#keyboard = scope.later(() => input.mouseDown || this.check(), 250);
    });
  }

  /** Shows the toolbar for the user's selection, or hides it when there is none worth saving. */
  check(): void {
    const { doc, input, panel, notes } = this.#o;
    const sel = doc.getSelection();
    if (!input.userSelection || !sel || sel.rangeCount === 0 || sel.isCollapsed || !sel.toString().trim()) {
      panel.unselect();
      return;
    }
    const range = sel.getRangeAt(0);
    if (!isPageText(range)) {
      panel.hide();
      return;
    }
    const { anchorNode, anchorOffset, focusNode, focusOffset } = sel;
    const backward = !!anchorNode && !!focusNode && (anchorNode === focusNode
      ? focusOffset < anchorOffset
      : (anchorNode.compareDocumentPosition(focusNode) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
    // A selection inside a saved passage (found with the browser's Find, say) can open its card.
    const existing = notes.containing(range.startContainer, range.startOffset);
    panel.showToolbar(range.cloneRange(), backward, existing);
  }

  destroy(): void {
    this.#scope.destroy();
  }
}
