import { colorName } from '../../utils/platform/colors';
import { COLORS, type Color, type Note } from '../../utils/domain/model';
import type { EditorMessage } from '../../utils/messaging/protocol';
import type { EditorFocus } from '../../utils/page/note-editor';
import { leadingOf, onScreen, placeNear, type Size } from '../../utils/page/place';
import { Scope, type Timer } from './scope';
import { mountUi, type UiActions, type UiContext, type UiHandle, type UiState } from './ui';

/** Estimated panel sizes, before the panel is measured. */
const TOOLBAR_SIZE = { width: 400, height: 44 };
const CARD_SIZE = { width: 420, height: 230 };
const MESSAGE_SIZE = { width: 280, height: 40 };
const ATTACH_SIZE = { width: 400, height: 160 };

/** How long a message stays; one with an undo stays longer. */
const MESSAGE_MS = 3000;
const UNDO_MS = 8000;

/** What the toolbar's and card's buttons do to notes (closing, editing and resizing are the panel's own). */
export type NoteButtons = Omit<UiActions, 'close' | 'edit' | 'resized'>;

export interface PanelOptions {
  /** What the buttons do (see NoteActions), asked for when the UI is first made. */
  buttons: () => NoteButtons;
  /** Where a note's passage is drawn, if it is. */
  rangeOf: (id: string) => Range | undefined;
  /** The page's notes with no passage here, which a selection may be attached to (none when absent). */
  missing?: () => Note[];
  /** The user's colour names, asked for each time a toolbar or card opens; null keeps the last. */
  colorNames: () => Promise<Partial<Record<Color, string>> | null>;
  /** The citation styles the card offers, asked for when a card opens; null keeps the last. */
  citationStyles?: () => Promise<UiContext['citationStyles'] | null>;
  /** The note editor page's URL (see UiContext.editorPage). */
  editorPage: string;
  /** Whether to go on handling events (see Scope). */
  alive?: () => boolean;
}

const viewport = (): Size => ({ width: innerWidth, height: innerHeight });

/**
 * The colours' default names, each read from the extension's messages only when the UI first
 * shows it: the first read loads the message catalogue into the page's renderer (about 7 ms), which
 * a page that only has its notes drawn never needs.
 */
const defaultNames = (): Record<Color, string> =>
  Object.defineProperties({}, Object.fromEntries(COLORS.map((c) => [c, { enumerable: true, get: () => colorName(c) }]))) as Record<Color, string>;

/**
 * The in-page toolbar, card and messages, each by its passage. The UI (./ui.tsx) is made the first
 * time something shows, so an idle page gets no node; a panel is placed by estimate, then again
 * once measured, follows its passage while the page scrolls and goes when it scrolls away.
 */
export class Panel {
  readonly #doc: Document;
  readonly #o: PanelOptions;
  readonly #scope: Scope;
  #ui: UiHandle | null = null;
  #context: UiContext;
  /** The selection the toolbar acts on, kept because clicking may collapse the live one. */
  #selection: Range | null = null;
  /** Whether that selection was made backwards (its focus, where the pointer is, is its start). */
  #backward = false;
  /** The passage the panel sits by. */
  #near: Range | null = null;
  /** Hides the message on show; cancelled when anything else shows. */
  #message: Timer | undefined;

  constructor(doc: Document, options: PanelOptions) {
    this.#doc = doc;
    this.#o = options;
    this.#scope = new Scope(options.alive);
    this.#context = {
      colorNames: defaultNames(),
      color: 'yellow',
      editorPage: options.editorPage,
    };
    this.#scope.listen(window, 'scroll', () => {
      if (this.state.mode === 'hidden' || !this.#near) return;
      // Follow the passage while it is on screen; scrolled away, the panel goes.
      if (!onScreen(this.#near, viewport())) this.hide();
      else this.#show(this.state, this.#near, this.#ui?.size() ?? TOOLBAR_SIZE);
    }, { passive: true, capture: true });
  }

  get state(): UiState {
    return this.#ui?.state ?? { mode: 'hidden' };
  }

  /** The selection the toolbar (or a command) acts on. */
  get selection(): Range | null {
    return this.#selection;
  }

  /** The colour new highlights get (the last one picked). */
  get color(): Color {
    return this.#context.color;
  }

  pick(color: Color): void {
    this.#setContext({ ...this.#context, color });
  }

  /** The user selected a passage: its toolbar; `existing` is the saved passage it starts in. */
  showToolbar(range: Range, backward: boolean, existing?: Note): void {
    this.#selection = range;
    this.#backward = backward;
    this.#scope.cancel(this.#message);
    void this.#refreshNames();
    const missing = this.#o.missing?.().length ?? 0;
    this.#show({ mode: 'toolbar', at: { x: 0, y: 0 }, existing, missing }, range, TOOLBAR_SIZE);
  }

  /** "Attach here" with several missing notes: the list to pick from, by the selection. */
  showAttach(notes: Note[]): void {
    this.#scope.cancel(this.#message);
    this.#show({ mode: 'attach', at: { x: 0, y: 0 }, notes }, this.#selection, ATTACH_SIZE);
  }

  /** Sets the selection to act on without showing the toolbar (a command, the context menu). */
  select(range: Range | null): void {
    this.#selection = range;
  }

  /** The selection went, or is not the user's: so does its toolbar. */
  unselect(): void {
    this.#selection = null;
    if (this.state.mode === 'toolbar') this.hide();
  }

  /** Opens a drawn note's card; `focus` puts the keyboard in its note or tag field. */
  openCard(note: Note, focus?: EditorFocus): void {
    this.#scope.cancel(this.#message);
    void this.#refreshNames();
    this.#show({ mode: 'card', at: { x: 0, y: 0 }, note, focus }, this.#o.rangeOf(note.id) ?? null, CARD_SIZE);
  }

  /** A note changed: its open card shows the change. */
  noteChanged(note: Note): void {
    const state = this.state;
    if (state.mode === 'card' && state.note.id === note.id) this.#set({ ...state, note });
  }

  /**
   * A short message by `near`, else by the passage shown last, else by the selection, else in
   * the corner; with an undo button when `undo` is set. It goes by itself (later when `long`: a
   * sentence to read, or an undo).
   */
  flash(text: string, { undo = false, near, long = false }: { undo?: boolean; near?: Range; long?: boolean } = {}): void {
    if (near) this.#near = near;
    this.#scope.cancel(this.#message);
    this.#show({ mode: 'message', at: { x: 8, y: 8 }, text, undo }, this.#near ?? this.#selection, MESSAGE_SIZE);
    // Not "hide if the state is still the one shown": placing the message again once measured
    // (and while the page scrolls) makes a new state, so a message by a passage never went.
    this.#message = this.#scope.later(() => this.hide(), undo || long ? UNDO_MS : MESSAGE_MS);
  }

  hide(): void {
    this.#scope.cancel(this.#message);
    if (this.state.mode !== 'hidden') this.#set({ mode: 'hidden' });
    this.#near = null;
  }

  /** Whether an event's target is the panel. */
  contains(target: EventTarget | null): boolean {
    return this.#ui?.contains(target) ?? false;
  }

  /** Whether the user is typing in the panel (in its note editor). */
  typing(): boolean {
    return this.#ui?.typing() ?? false;
  }

  /** An element inside the panel for short-lived helpers (the clipboard fallback). */
  scratch(): HTMLElement {
    return this.#mount().scratch();
  }

  /** What the open card's editor frame said (see UiHandle.editorSaid). */
  editorSaid(id: string, message: EditorMessage): void {
    this.#ui?.editorSaid(id, message);
  }

  destroy(): void {
    this.#scope.destroy();
    this.#ui?.destroy();
  }

  /** Shows a state by a passage (as given when there is none), then nudges it inside the viewport once measured. */
  #show(state: UiState, near: Range | null, size: Size): void {
    this.#near = near;
    if (state.mode === 'hidden' || !near) return this.#set(state);
    const options = { backward: state.mode === 'toolbar' && this.#backward, leading: leadingOf(near) };
    this.#set({ ...state, at: placeNear(near, size, viewport(), options) } as UiState);
    this.#scope.frame(() => {
      const measured = this.#ui?.size();
      if (measured && this.state.mode !== 'hidden' && this.#near === near) {
        this.#set({ ...this.state, at: placeNear(near, measured, viewport(), options) } as UiState);
      }
    });
  }

  #set(state: UiState): void {
    if (state.mode === 'hidden' && !this.#ui) return;
    this.#mount().set(state);
  }

  #setContext(context: UiContext): void {
    this.#context = context;
    this.#ui?.setContext(context);
  }

  /** Refreshes the colour names (cheap; done when a toolbar or card opens). */
  async #refreshNames(): Promise<void> {
    const names = await this.#o.colorNames();
    if (!names) return;
    const colorNames = Object.fromEntries(COLORS.map((c) => [c, names[c] || colorName(c)])) as Record<Color, string>;
    this.#setContext({ ...this.#context, colorNames });
    const citationStyles = await this.#o.citationStyles?.();
    if (citationStyles) this.#setContext({ ...this.#context, citationStyles });
  }

  #mount(): UiHandle {
    if (this.#ui) return this.#ui;
    this.#ui = mountUi(this.#doc, {
      ...this.#o.buttons(),
      close: () => this.hide(),
      edit: (note) => this.openCard(note),
      resized: () => {
        if (this.state.mode !== 'hidden' && this.#near) this.#show(this.state, this.#near, this.#ui?.size() ?? CARD_SIZE);
      },
    });
    this.#ui.setContext(this.#context);
    return this.#ui;
  }
}
