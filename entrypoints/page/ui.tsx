import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ColorPicker } from '../../components/ColorPicker';
import { KindToggle } from '../../components/KindToggle';
import { CitationStylePicker } from '../../components/CitationStylePicker';
import { AttachPicker } from './attach-picker';
import { excludeFromText } from '../../utils/anchoring';
import { randomName } from '../../utils/page/highlighter';
import { t } from '../../utils/platform/i18n';
import type { Color, Note, NoteKind, NotePatch } from '../../utils/domain/model';
import type { EditorMessage } from '../../utils/messaging/protocol';
import type { OfferedStyle } from '../../utils/citation/catalog';
import { editorUrl, type EditorFocus } from '../../utils/page/note-editor';
import { UI_CSS } from '../../utils/page/ui-css';

export type { Point } from '../../utils/page/place';
import type { Point } from '../../utils/page/place';

/** What the in-page UI shows. */
export type UiState =
  | { mode: 'hidden' }
  /**
   * A selection: the toolbar; `existing` is the saved passage the selection starts in; `missing`,
   * how many of the page's notes have no passage here (then it offers "Attach here").
   */
  | { mode: 'toolbar'; at: Point; existing?: Note; missing?: number }
  /** "Attach here" with several missing notes: which one the selection is for. */
  | { mode: 'attach'; at: Point; notes: Note[] }
  /** An existing highlight's card; `focus` puts the keyboard in its note or tag field. */
  | { mode: 'card'; at: Point; note: Note; focus?: EditorFocus }
  /** A short message, with an undo when `undo` is given. */
  | { mode: 'message'; at: Point; text: string; undo?: boolean };

export interface UiActions {
  /** Saves the selection. */
  save(kind: NoteKind, color: Color): void;
  /** Saves the selection as a highlight and opens its card with the note or tag field focused. */
  annotate(focus: EditorFocus): void;
  /** Changes an existing note. */
  update(id: string, patch: NotePatch): void;
  remove(id: string): void;
  undo(): void;
  /** Copies the note cited in a style (the user's default without one). */
  copy(note: Note, format: 'text' | 'markdown', style?: string): void;
  close(): void;
  /** Gives a note whose passage is missing the selected passage; without an id, asks which one. */
  attach(id?: string): void;
  /** Opens a saved passage's card (from the toolbar, when the selection is inside it). */
  edit(note: Note): void;
  /** The panel changed size (the card's editor grew): place it again. */
  resized(): void;
}

export interface UiContext {
  colorNames: Record<Color, string>;
  /** The colour new highlights get (the last one picked). */
  color: Color;
  /**
   * The note editor page's URL (runtime.getURL of it): in Chrome a per-session URL, the only
   * one at which a web page may frame it (use_dynamic_url).
   */
  editorPage: string;
  /** The citation styles the card's copy offers and the default; absent until the background said. */
  citationStyles?: { styles: OfferedStyle[]; default: string };
}

type Props = { state: UiState; context: UiContext; actions: UiActions; slot: EditorSlot };

/** The editor frame's height until it tells its own (a note field and a tag field). */
const EDITOR_HEIGHT = 104;

function Root({ state, context, actions, slot }: Props) {
  if (state.mode === 'hidden') return null;
  const style = { left: `${state.at.x}px`, top: `${state.at.y}px` };
  if (state.mode === 'message') {
    return (
      <div class="panel message" style={style} role="status">
        <span>{state.text}</span>
        {state.undo && (
          <button type="button" class="text-button" data-action="undo" onClick={actions.undo}>
            {t('undo')}
          </button>
        )}
      </div>
    );
  }
  if (state.mode === 'attach') return <AttachPicker notes={state.notes} style={style} onPick={(id) => actions.attach(id)} onClose={actions.close} />;
  if (state.mode === 'card') return <Card note={state.note} focus={state.focus} style={style} context={context} actions={actions} slot={slot} />;
  return <Toolbar existing={state.existing} missing={state.missing} style={style} context={context} actions={actions} />;
}

type ToolbarProps = { existing?: Note; missing?: number; style: Record<string, string>; context: UiContext; actions: UiActions };

function Toolbar({ existing, missing, style, context, actions }: ToolbarProps) {
  const color = context.color;
  return (
    <div
      class="panel toolbar"
      style={style}
      role="toolbar"
      aria-label={t('toolbarLabel')}
      // Keep the page's selection alive: a mousedown on a button would collapse it.
      onMouseDown={(e) => e.preventDefault()}
      // A toolbar: arrow keys move between its buttons, Home and End go to the ends.
      onKeyDown={(e) => {
        const buttons = Array.from((e.currentTarget as HTMLElement).querySelectorAll('button'));
        const at = buttons.indexOf(e.target as HTMLButtonElement);
        const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
        if (at < 0 || next === undefined) return;
        e.preventDefault();
        buttons[(next + buttons.length) % buttons.length]?.focus();
      }}
    >
      <div class="row">
        <ColorPicker names={context.colorNames} label={t('colorsLabel')} onPick={(c) => actions.save('highlight', c)} />
        <span class="divider" aria-hidden="true" />
        <button type="button" data-action="highlight" aria-keyshortcuts="h" title={`${t('actionHighlight')} (H)`} onClick={() => actions.save('highlight', color)}>
          {t('actionHighlight')}
        </button>
        <button type="button" data-action="quote" aria-keyshortcuts="q" title={`${t('actionQuote')} (Q)`} onClick={() => actions.save('quote', color)}>
          {t('actionQuote')}
        </button>
        <button type="button" data-action="note" aria-keyshortcuts="n" title={`${t('actionNote')} (N)`} onClick={() => actions.annotate('note')}>
          {t('actionNote')}
        </button>
        <button type="button" data-action="tag" aria-keyshortcuts="t" title={`${t('actionTag')} (T)`} onClick={() => actions.annotate('tags')}>
          {t('actionTag')}
        </button>
        {existing && (
          <button type="button" data-action="edit" aria-keyshortcuts="e" title={`${t('actionEdit')} (E)`} onClick={() => actions.edit(existing)}>
            {t('actionEdit')}
          </button>
        )}
        {!!missing && (
          <button type="button" data-action="attach" onClick={() => actions.attach()}>
            {t('actionAttach')}
            {missing > 1 ? ` (${missing})` : ''}
          </button>
        )}
      </div>
    </div>
  );
}

/** The card's editor frame as the UI host tracks it: the element, and the height it asked for. */
interface EditorSlot {
  height: number;
  /** How many times the current frame has loaded. */
  loads: number;
  attach: (frame: HTMLIFrameElement | null) => void;
  /** The frame was navigated away from the editor: close the card. */
  hijacked: () => void;
}

/**
 * The note and tag editor: a frame of the extension's own origin (see entrypoints/note-editor),
 * so neither what it shows nor what is typed in it reaches the page. Its messages (its height,
 * "close") are read by the UI host, which knows this element (see mountUi).
 */
function EditorFrame({ note, focus, context, slot }: { note: Note; focus?: EditorFocus; context: UiContext; slot: EditorSlot }) {
  const frame = useRef<HTMLIFrameElement | null>(null);
  // The frame's URL is fixed for the note: colour or kind changes must not reload it.
  const src = useMemo(() => editorUrl(context.editorPage, note.id, focus), [note.id]);
  return (
    <iframe
      ref={(el) => {
        frame.current = el;
        slot.attach(el);
      }}
      class="editor-frame"
      src={src}
      title={t('noteLabel')}
      style={{ height: `${slot.height}px` }}
      // Focus goes to the frame, which passes it to the field asked for (see note-editor/App.tsx).
      // A second load is a navigation the editor never makes itself: the page (which can reach
      // any frame through window.frames) sent it elsewhere, maybe to a look-alike. The card goes.
      onLoad={() => {
        slot.loads += 1;
        if (slot.loads > 1) return slot.hijacked();
        if (focus) frame.current?.focus();
      }}
    />
  );
}

function Card({ note, focus, style, context, actions, slot }: { note: Note; focus?: EditorFocus; style: Record<string, string>; context: UiContext; actions: UiActions; slot: EditorSlot }) {
  const ref = useRef<HTMLDivElement>(null);
  const [citationStyle, setCitationStyle] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!focus) ref.current?.focus();
  }, [note.id]);
  return (
    <div class="panel card" style={style} role="dialog" aria-label={t('cardLabel')} tabIndex={-1} ref={ref}>
      <div class="row">
        <ColorPicker value={note.color} names={context.colorNames} label={t('colorsLabel')} onPick={(color) => actions.update(note.id, { color })} />
        <span class="divider" aria-hidden="true" />
        <KindToggle value={note.kind} onPick={(kind) => actions.update(note.id, { kind })} />
        <button type="button" class="close" aria-label={t('close')} onClick={actions.close}>
          ×
        </button>
      </div>
      <EditorFrame note={note} focus={focus} context={context} slot={slot} />
      <div class="row actions">
        {context.citationStyles && (
          <CitationStylePicker offered={context.citationStyles} value={citationStyle ?? context.citationStyles.default} onPick={setCitationStyle} />
        )}
        <button type="button" data-action="copy-text" onClick={() => actions.copy(note, 'text', citationStyle)}>
          {t('copyCitation')}
        </button>
        <button type="button" data-action="copy-markdown" onClick={() => actions.copy(note, 'markdown', citationStyle)}>
          {t('copyMarkdown')}
        </button>
        <button type="button" class="danger" data-action="delete" onClick={() => actions.remove(note.id)}>
          {t('deleteNote')}
        </button>
      </div>
    </div>
  );
}

/**
 * The in-page UI host: an element with a closed shadow root, so the page's styles cannot reach in
 * and the page's scripts cannot read what it shows. Note text and tags are not even there: the
 * card shows and edits them in a frame of the extension's origin (EditorFrame).
 *
 * The host is in the document only while something is shown, under a random name: an idle page,
 * with or without notes, finds no node of Verbatim's.
 */
export function mountUi(doc: Document, actions: UiActions) {
  const host = doc.createElement(`${randomName()}-${randomName(4)}`);
  excludeFromText(host);
  // !important: inline important declarations beat any page rule, even `* { … !important }`.
  host.setAttribute(
    'style',
    'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; ' +
      'width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;',
  );
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = UI_CSS;
  const mount = doc.createElement('div');
  shadow.append(style, mount);

  let state: UiState = { mode: 'hidden' };
  let context: UiContext | null = null;
  let frame: HTMLIFrameElement | null = null;
  let lastFrame: HTMLIFrameElement | null = null;
  const slot: EditorSlot = {
    height: EDITOR_HEIGHT,
    loads: 0,
    attach: (el) => {
      // A new frame (another note's card) starts at the estimate until it tells its height.
      if (el && el !== lastFrame) {
        lastFrame = el;
        slot.height = EDITOR_HEIGHT;
        slot.loads = 0;
      }
      frame = el;
    },
    hijacked: () => actions.close(),
  };
  const paint = () => {
    if (!context) return;
    render(<Root state={state} context={context} actions={actions} slot={slot} />, mount);
    if (state.mode === 'hidden') host.remove();
    else if (!host.isConnected) doc.documentElement.append(host);
  };

  return {
    host,
    get state() {
      return state;
    },
    set(next: UiState) {
      state = next;
      paint();
    },
    setContext(next: UiContext) {
      context = next;
      paint();
    },
    /**
     * What the card's editor frame said (through the background: it never posts to the page).
     * `noteId` must be the open card's.
     */
    editorSaid(noteId: string, message: EditorMessage) {
      if (state.mode !== 'card' || state.note.id !== noteId || !frame) return;
      if (message.type === 'close') actions.close();
      else if (message.height !== slot.height) {
        slot.height = message.height;
        paint();
        actions.resized();
      }
    },
    /** Whether an event's target is this UI (events from a closed root are retargeted to the host). */
    contains: (target: EventTarget | null) => target === host,
    /** The element focused inside the UI, if any (for keyboard shortcuts: not while typing). */
    typing: () => {
      const active = shadow.activeElement;
      // The card's editor is a frame: focus inside it shows here as the frame.
      return !!active && /^(INPUT|TEXTAREA|IFRAME)$/.test(active.tagName);
    },
    /** An element inside the shadow root for short-lived helpers (the clipboard fallback). */
    scratch: () => mount,
    /** The rendered panel's size, to keep it inside the viewport. */
    size: () => {
      const panel = shadow.querySelector('.panel');
      return panel ? panel.getBoundingClientRect() : null;
    },
    destroy: () => {
      render(null, mount);
      host.remove();
    },
  };
}

export type UiHandle = ReturnType<typeof mountUi>;
