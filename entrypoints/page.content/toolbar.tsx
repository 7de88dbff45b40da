import { render } from 'preact';
import { UI_ATTRIBUTE } from '../../utils/anchoring';
import { t } from '../../utils/i18n';
import type { NoteKind } from '../../utils/model';
import { TOOLBAR_CSS } from './toolbar-css';

export interface ToolbarState {
  /** Viewport coordinates of the toolbar's top-left corner; null hides it. */
  at: { x: number; y: number } | null;
  /** A short message (errors), shown instead of the buttons for a moment. */
  message?: string;
}

type ToolbarProps = ToolbarState & {
  /** Saves the current selection as a highlight or a quote. */
  onAction: (kind: NoteKind) => void;
};

function Toolbar({ at, message, onAction }: ToolbarProps) {
  if (!at) return null;
  return (
    <div
      class="bar"
      role="toolbar"
      aria-label={t('toolbarLabel')}
      style={{ left: `${at.x}px`, top: `${at.y}px` }}
      // Keep the page's selection alive: a mousedown on a button would collapse it.
      onMouseDown={(e) => e.preventDefault()}
    >
      {message ? (
        <span class="message" role="alert">
          {message}
        </span>
      ) : (
        <>
          <button type="button" class="highlight" data-action="highlight" onClick={() => onAction('highlight')}>
            <span class="swatch" aria-hidden="true" />
            {t('actionHighlight')}
          </button>
          <button type="button" class="quote" data-action="quote" onClick={() => onAction('quote')}>
            <span class="mark" aria-hidden="true">
              «
            </span>
            {t('actionQuote')}
          </button>
        </>
      )}
    </div>
  );
}

/** Approximate toolbar size, for placing it before it is measured. */
const WIDTH = 220;
const HEIGHT = 40;
const GAP = 8;

/**
 * Where the toolbar goes for a selection: below the selection's last line, or above its first
 * line when there is no room below, so it never covers the selected text.
 */
export function placeToolbar(range: Range, viewport: { width: number; height: number }) {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  const first = rects[0] ?? range.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? first;
  const below = last.bottom + GAP;
  const y = below + HEIGHT <= viewport.height ? below : Math.max(GAP, first.top - GAP - HEIGHT);
  const x = Math.min(Math.max(GAP, last.right - WIDTH / 2), viewport.width - WIDTH - GAP);
  return { x: Math.max(GAP, x), y };
}

/**
 * The in-page UI host: a custom element in a closed shadow root, so the page's styles cannot
 * reach in and the page's scripts cannot read what it shows.
 */
export function mountToolbar(doc: Document, onAction: (kind: NoteKind) => void) {
  const host = doc.createElement('verbatim-ui');
  host.setAttribute(UI_ATTRIBUTE, '');
  // Sits above everything and inherits nothing from the page.
  host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647;');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = TOOLBAR_CSS;
  const mount = doc.createElement('div');
  shadow.append(style, mount);
  doc.documentElement.append(host);

  let state: ToolbarState = { at: null };
  const update = (next: ToolbarState) => {
    state = next;
    render(<Toolbar {...state} onAction={onAction} />, mount);
  };
  update(state);

  return {
    host,
    /** The shadow root: events inside it must not count as clicks "elsewhere". */
    contains: (node: EventTarget | null) => node === host,
    show: (at: { x: number; y: number }) => update({ at }),
    hide: () => state.at && update({ at: null }),
    /** Shows a message in place of the buttons for a few seconds. */
    flash: (message: string) => {
      update({ at: state.at ?? { x: GAP, y: GAP }, message });
      setTimeout(() => update({ at: null }), 4000);
    },
    get visible() {
      return state.at !== null;
    },
    destroy: () => {
      render(null, mount);
      host.remove();
    },
  };
}

export type ToolbarHandle = ReturnType<typeof mountToolbar>;
