import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ColorPicker } from '../../components/ColorPicker';
import { TagEditor } from '../../components/TagEditor';
import { UI_ATTRIBUTE } from '../../utils/anchoring';
import { t } from '../../utils/i18n';
import type { Color, Note, NoteKind, NotePatch, TagCount } from '../../utils/model';
import { UI_CSS } from './ui-css';

export type { Point } from '../../utils/place';
import type { Point } from '../../utils/place';

/** What the in-page UI shows. */
export type UiState =
  | { mode: 'hidden' }
  /** A selection: the toolbar, optionally with the note/tag editor open. */
  | { mode: 'toolbar'; at: Point; editor?: 'note' | 'tags' }
  /** An existing highlight's card. */
  | { mode: 'card'; at: Point; note: Note }
  /** A short message, with an undo when `undo` is given. */
  | { mode: 'message'; at: Point; text: string; undo?: boolean };

export interface UiActions {
  /** Saves the selection. */
  save(kind: NoteKind, color: Color, extra?: { note: string; tags: string[] }): void;
  /** Changes an existing note. */
  update(id: string, patch: NotePatch): void;
  remove(id: string): void;
  undo(): void;
  copy(note: Note, format: 'text' | 'markdown'): void;
  /** Opens the note/tag editor on the toolbar. */
  openEditor(focus: 'note' | 'tags'): void;
  close(): void;
}

export interface UiContext {
  colorNames: Record<Color, string>;
  /** The user's tags, most used first. */
  tags: TagCount[];
  /** The colour new highlights get (the last one picked). */
  color: Color;
}

type Props = { state: UiState; context: UiContext; actions: UiActions };

function Root({ state, context, actions }: Props) {
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
  if (state.mode === 'card') return <Card note={state.note} style={style} context={context} actions={actions} />;
  return <Toolbar editor={state.editor} style={style} context={context} actions={actions} />;
}

function Toolbar({ editor, style, context, actions }: { editor?: 'note' | 'tags'; style: Record<string, string>; context: UiContext; actions: UiActions }) {
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [color, setColor] = useState<Color>(context.color);
  return (
    <div
      class="panel toolbar"
      style={style}
      role="toolbar"
      aria-label={t('toolbarLabel')}
      // Keep the page's selection alive: a mousedown on a button would collapse it.
      onMouseDown={(e) => {
        if (!(e.target as Element).closest('input, textarea')) e.preventDefault();
      }}
    >
      <div class="row">
        <ColorPicker
          value={editor ? color : undefined}
          names={context.colorNames}
          label={t('colorsLabel')}
          onPick={(c) => (editor ? setColor(c) : actions.save('highlight', c))}
        />
        <span class="divider" aria-hidden="true" />
        <button type="button" data-action="highlight" aria-keyshortcuts="h" title={`${t('actionHighlight')} (H)`} onClick={() => actions.save('highlight', color, editor && { note, tags })}>
          {t('actionHighlight')}
        </button>
        <button type="button" data-action="quote" aria-keyshortcuts="q" title={`${t('actionQuote')} (Q)`} onClick={() => actions.save('quote', color, editor && { note, tags })}>
          {t('actionQuote')}
        </button>
        {!editor && (
          <>
            <button type="button" data-action="note" aria-keyshortcuts="n" title={`${t('actionNote')} (N)`} onClick={() => actions.openEditor('note')}>
              {t('actionNote')}
            </button>
            <button type="button" data-action="tag" aria-keyshortcuts="t" title={`${t('actionTag')} (T)`} onClick={() => actions.openEditor('tags')}>
              {t('actionTag')}
            </button>
          </>
        )}
      </div>
      {editor && (
        <div class="editor">
          <NoteField value={note} onChange={setNote} autoFocus={editor === 'note'} />
          <TagEditor
            tags={tags}
            suggestions={context.tags}
            autoFocus={editor === 'tags'}
            onAdd={(tag) => setTags((list) => [...list, tag])}
            onRemove={(tag) => setTags((list) => list.filter((x) => x !== tag))}
          />
        </div>
      )}
    </div>
  );
}

function NoteField({ value, onChange, autoFocus }: { value: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  return (
    <textarea
      ref={ref}
      class="note-field"
      rows={3}
      value={value}
      placeholder={t('notePlaceholder')}
      aria-label={t('noteLabel')}
      onInput={(e) => onChange(e.currentTarget.value)}
    />
  );
}

function Card({ note, style, context, actions }: { note: Note; style: Record<string, string>; context: UiContext; actions: UiActions }) {
  const [text, setText] = useState(note.note);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => setText(note.note), [note.id, note.note]);
  useEffect(() => ref.current?.focus(), [note.id]);
  const saveText = () => text !== note.note && actions.update(note.id, { note: text });
  return (
    <div class="panel card" style={style} role="dialog" aria-label={t('cardLabel')} tabIndex={-1} ref={ref}>
      <div class="row">
        <ColorPicker value={note.color} names={context.colorNames} label={t('colorsLabel')} onPick={(color) => actions.update(note.id, { color })} />
        <span class="divider" aria-hidden="true" />
        <div class="segmented" role="radiogroup" aria-label={t('kindLabel')}>
          {(['highlight', 'quote'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={note.kind === kind}
              data-kind={kind}
              onClick={() => kind !== note.kind && actions.update(note.id, { kind })}
            >
              {t(kind === 'quote' ? 'kindQuote' : 'kindHighlight')}
            </button>
          ))}
        </div>
        <button type="button" class="close" aria-label={t('close')} onClick={actions.close}>
          ×
        </button>
      </div>
      <div class="editor">
        <textarea
          class="note-field"
          rows={3}
          value={text}
          placeholder={t('notePlaceholder')}
          aria-label={t('noteLabel')}
          onInput={(e) => setText(e.currentTarget.value)}
          onBlur={saveText}
        />
        <TagEditor
          tags={note.tags}
          suggestions={context.tags}
          onAdd={(tag) => actions.update(note.id, { tags: [...note.tags, tag] })}
          onRemove={(tag) => actions.update(note.id, { tags: note.tags.filter((x) => x !== tag) })}
        />
      </div>
      <div class="row actions">
        <button type="button" data-action="copy-text" onClick={() => actions.copy(note, 'text')}>
          {t('copyCitation')}
        </button>
        <button type="button" data-action="copy-markdown" onClick={() => actions.copy(note, 'markdown')}>
          {t('copyMarkdown')}
        </button>
        <button type="button" class="danger" data-action="delete" onClick={() => {
          saveText();
          actions.remove(note.id);
        }}>
          {t('deleteNote')}
        </button>
      </div>
    </div>
  );
}

/**
 * The in-page UI host: a custom element with a closed shadow root, so the page's styles cannot
 * reach in and the page's scripts cannot read what it shows (note text, tags).
 */
export function mountUi(doc: Document, actions: UiActions) {
  const host = doc.createElement('verbatim-ui');
  host.setAttribute(UI_ATTRIBUTE, '');
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
  doc.documentElement.append(host);

  let state: UiState = { mode: 'hidden' };
  let context: UiContext | null = null;
  const paint = () => context && render(<Root state={state} context={context} actions={actions} />, mount);

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
    /** Whether an event's target is this UI (events from a closed root are retargeted to the host). */
    contains: (target: EventTarget | null) => target === host,
    /** The element focused inside the UI, if any (for keyboard shortcuts: not while typing). */
    typing: () => {
      const active = shadow.activeElement;
      return !!active && /^(INPUT|TEXTAREA)$/.test(active.tagName);
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
