import { injectedEngine } from '../../utils/citation/in-page';
import { readPageMeta } from '../../utils/extract/meta';
import { speakerOfRange as speakerOf } from '../../utils/quotes/speaker-context';
import { t, uiLanguage } from '../../utils/platform/i18n';
import type { Color, Note, NoteDraft, NoteKind, NotePatch, Selector } from '../../utils/domain/model';
import type { EditorFocus } from '../../utils/page/note-editor';
import type { UserInput } from '../../utils/page/page-input';
import type { Result } from '../../utils/messaging/protocol';
import { errorMessage } from '../../utils/messaging/rpc';
import { describeWriteError } from '../../utils/platform/write-error';
import { copyText } from './clipboard';
import type { BackgroundCall, PageNotes } from './page-notes';
import type { NoteButtons, Panel } from './panel';

/** What the actions show (the Panel). */
export type NoteView = Pick<
  Panel,
  'selection' | 'color' | 'pick' | 'select' | 'hide' | 'flash' | 'openCard' | 'noteChanged' | 'scratch' | 'showAttach'
>;

export interface NoteActionsOptions {
  doc: Document;
  call: BackgroundCall;
  /** The user's input: a selection just saved is no longer theirs to save again. */
  input: UserInput;
  notes: Pick<PageNotes, 'url' | 'describe' | 'add' | 'changed' | 'remove' | 'draw' | 'missing' | 'rangeOf'>;
  view: NoteView;
}

/**
 * What the user does to notes in the page: save the selection as a highlight or quote, change a
 * note, delete it and undo that, copy its citation. Every write goes to the background (`call`);
 * a refused one is said beside the passage and changes nothing on the page.
 */
export class NoteActions {
  readonly #o: NoteActionsOptions;
  /** The note deleted last, for its undo. */
  #deleted: Note | null = null;

  constructor(options: NoteActionsOptions) {
    this.#o = options;
  }

  /** The toolbar's and card's buttons: each runs its action (see `run`). */
  get buttons(): NoteButtons {
    return {
      save: (kind, color) => this.run(this.save(kind, color)),
      annotate: (focus) => this.run(this.annotate(focus)),
      update: (id, patch) => this.run(this.update(id, patch)),
      remove: (id) => this.run(this.remove(id)),
      undo: () => this.run(this.undo()),
      copy: (note, format, style) => this.run(this.copy(note, format, style)),
      attach: (id) => this.run(this.attach(id)),
    };
  }

  /**
   * Runs what the user asked for; anything it throws (not only a refused write, which each action
   * reports itself) is said beside the passage, never left as an unhandled rejection.
   */
  run(action: Promise<unknown>): void {
    action.catch((e: unknown) => this.#o.view.flash(describeWriteError(errorMessage(e), 'saveFailed')));
  }

  /** Saves the selection; returns the saved note, or null when nothing was saved. */
  async save(kind: NoteKind, color: Color): Promise<Note | null> {
    const { doc, call, view } = this.#o;
    const range = view.selection;
    if (!range || range.collapsed) return null;
    const passage = this.#passage(range);
    if (!passage) return null;
    const { exact, selectors } = passage;
    view.pick(color);
    const page = readPageMeta(doc, location.href);
    const draft: NoteDraft = { kind, color, exact, selectors };
    const speaker = kind === 'quote' ? speakerOf(range, page.byline) : undefined;
    if (speaker) Object.assign(draft, { speaker, speakerProposed: true });
    const saved = this.#placed(await call('saveNote', { page, draft }), range);
    if (saved) view.hide();
    return saved;
  }

  /**
   * "Attach here": a note whose passage is missing on the page gets the selected passage (its
   * quote and selectors), is no longer an orphan, and is drawn there at once. With several
   * missing notes and no `id`, the user picks one first. Returns the note as stored, or null.
   */
  async attach(id?: string): Promise<Note | null> {
    const { call, notes, view } = this.#o;
    const range = view.selection;
    const missing = notes.missing();
    if (!range || range.collapsed || missing.length === 0) return null;
    const chosen = id ?? (missing.length === 1 ? missing[0]!.id : undefined);
    if (chosen === undefined) {
      view.showAttach(missing);
      return null;
    }
    if (!missing.some((n) => n.id === chosen)) return null;
    const passage = this.#passage(range);
    if (!passage) return null;
    const attached = this.#placed(await call('reattachNote', { url: notes.url, id: chosen, ...passage }), range);
    if (attached) view.flash(t('noteAttached'), { near: range });
    return attached;
  }

  /** The selected passage's quote and selectors, or null when it holds no text. */
  #passage(range: Range): { exact: string; selectors: Selector[] } | null {
    const selectors = this.#o.notes.describe(range);
    // The quote as a reader would copy it (a space between paragraphs), not range.toString().
    const exact = selectors.find((x) => x.type === 'TextQuoteSelector')?.exact.trim() ?? range.toString().trim();
    return exact ? { exact, selectors } : null;
  }

  /**
   * A saved or attached note drawn at the selection, which is then done with: gone, and no longer
   * the user's to save again. A refused write is said beside the passage; returns null then.
   */
  #placed(reply: Result<Note>, range: Range): Note | null {
    const { doc, input, notes, view } = this.#o;
    if (!reply.ok) {
      view.flash(describeWriteError(reply.error, 'saveFailed'));
      return null;
    }
    notes.add(reply.value, range);
    doc.getSelection()?.removeAllRanges();
    view.select(null);
    input.userSelection = false;
    return reply.value;
  }

  /** "Note" and "Tag": the passage is saved as a highlight, and its card opens on that field. */
  async annotate(focus: EditorFocus): Promise<void> {
    const saved = await this.save('highlight', this.#o.view.color);
    if (saved) this.#o.view.openCard(saved, focus);
  }

  async update(id: string, change: NotePatch): Promise<void> {
    const { call, notes, view } = this.#o;
    // A highlight made a quote: the speaker is proposed from the text around its passage.
    const range = change.kind === 'quote' && change.proposedSpeaker === undefined ? notes.rangeOf(id) : undefined;
    const proposed = range && speakerOf(range, readPageMeta(this.#o.doc, location.href).byline);
    const patch = proposed ? { ...change, proposedSpeaker: proposed } : change;
    const reply = await call('updateNote', { url: notes.url, id, patch });
    if (!reply.ok) {
      view.flash(describeWriteError(reply.error, 'saveFailed'));
      return;
    }
    notes.changed(reply.value, !!(patch.color || patch.kind));
    view.noteChanged(reply.value);
  }

  async remove(id: string): Promise<void> {
    const { call, notes, view } = this.#o;
    const reply = await call('deleteNote', { url: notes.url, id });
    if (!reply.ok || !reply.value) {
      view.flash(describeWriteError(reply.ok ? '' : reply.error, 'saveFailed'));
      return;
    }
    this.#deleted = reply.value;
    // The message and its undo sit where the passage was.
    view.flash(t('noteDeleted'), { undo: true, near: notes.remove(id) });
  }

  async undo(): Promise<void> {
    const { call, notes, view } = this.#o;
    const note = this.#deleted;
    this.#deleted = null;
    view.hide();
    if (!note) return;
    const reply = await call('restoreNote', { url: notes.url, note });
    if (reply.ok) await notes.draw();
    else view.flash(describeWriteError(reply.error, 'saveFailed'));
  }

  /**
   * Copies the note cited in a style (the user's default without one). The background sends what
   * the citation is made of and injects the engine (`/cite.js`) into this world: citeproc-js and
   * the styles never enter the page script's bundle, and load only when a citation is copied.
   */
  async copy(note: Note, format: 'text' | 'markdown', style?: string): Promise<void> {
    const reply = await this.#o.call('citeNote', { url: this.#o.notes.url, id: note.id });
    const make = injectedEngine();
    let text: string | undefined;
    try {
      if (reply.ok && make) text = make({ ...reply.value, styleId: style, uiLang: uiLanguage(), format });
    } catch (e) {
      console.warn('Verbatim: the citation could not be made', e);
    }
    const ok = text !== undefined && (await copyText(text, () => this.#o.view.scratch()));
    this.#o.view.flash(t(ok ? 'copied' : 'copyFailed'));
  }

}

