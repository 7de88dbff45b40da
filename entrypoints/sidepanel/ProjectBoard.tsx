import { useEffect, useRef, useState } from 'preact/hooks';
import { QuoteCheck } from '../../components/QuoteCheck';
import { CheckedOn } from '../../components/QuoteCheckStatus';
import { useFinishOnce } from '../../hooks/useFinishOnce';
import { useSortable } from '../../hooks/useSortable';
import { useCitationStyles } from '../../hooks/useCitationStyles';
import { ProjectExport } from '../../components/ProjectExport';
import type { useUndoable } from '../../hooks/useUndoable';
import { addProjectText, editProjectText, moveProjectItem, removeProjectItem, restoreItem } from '../../utils/services/projects';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note } from '../../utils/domain/model';
import type { Project, ProjectItem } from '../../utils/domain/project';
import { formatDate, plural, t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';
import { siteOf } from '../../utils/search/filters';
import { ErrorNotice } from '../../components/ErrorNotice';

export type ProjectBoardProps = {
  db: VerbatimDb;
  project: Project;
  /** Every note of the library, by id (a note item whose note is not there was deleted). */
  notes: ReadonlyMap<string, Note>;
  articleByUrl: ReadonlyMap<string, Article>;
  /** The Projects view's Undo: a removed item is offered back through it. */
  undo: ReturnType<typeof useUndoable>;
  /** Opens a note at its passage. */
  onOpen: (note: Note) => void;
};

/** Words a screen reader hears for an item in the move announcements. */
function labelOf(item: ProjectItem | undefined, notes: ReadonlyMap<string, Note>): string {
  if (!item) return '';
  const words = item.kind === 'note' ? (notes.get(item.noteId)?.exact || notes.get(item.noteId)?.note || t('projectNoteDeleted')) : item.text;
  return t('quoted', words.length > 60 ? `${words.slice(0, 59)}…` : words);
}

/**
 * A project's board: its notes in the user's order (quote, speaker, source) with headings and
 * connecting text of their own between them. Reordered by dragging an item's handle or from the
 * keyboard (useSortable), each move saved at once; headings and texts added, edited, removed;
 * removing an item offers Undo. A note deleted from the library keeps its place, shown as such.
 */
export function ProjectBoard({ db, project, notes, articleByUrl, undo, onOpen }: ProjectBoardProps) {
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<'heading' | 'text' | null>(null);
  const [checking, setChecking] = useState(false);
  const byId = new Map(project.items.map((item) => [item.id, item]));
  const fail = (key: string) => (e: unknown) => {
    console.error('Verbatim: a project change failed', e);
    setError(describeWriteError(e, key, 'storageFullChangeNotSaved'));
    throw e;
  };
  const sortable = useSortable({
    ids: project.items.map((item) => item.id),
    onMove: (id, to) => moveProjectItem(db, project.id, id, to).then(() => setError(null), fail('projectMoveFailed')),
    labelOf: (id) => labelOf(byId.get(id), notes),
  });
  const remove = (item: ProjectItem) =>
    void undo
      .run(
        () => removeProjectItem(db, project.id, item.id),
        () => t(item.kind === 'note' ? 'projectNoteRemoved' : 'projectTextRemoved'),
        async (done) => done && restoreItem(db, project.id, done.item, done.index),
      )
      .then(() => setError(null), fail('projectChangeFailed'))
      .catch(() => {});
  const saveText = (item: ProjectItem, text: string) => {
    setEditing(null);
    if (item.kind === 'note' || text.trim() === item.text) return;
    if (!text.trim()) return remove(item);
    editProjectText(db, project.id, item.id, text).then(() => setError(null), fail('projectChangeFailed')).catch(() => {});
  };
  const count = project.noteIds.length;
  const citationStyles = useCitationStyles(db);

  return (
    <section class="project-board" aria-labelledby="project-title">
      <header class="project-head">
        <h2 id="project-title">{project.name}</h2>
        <span class="muted small">{plural(count, 'notesCountOne', 'notesCountOther')}</span>
        {/* Writing tools mount here, each given { db, project, notes } (issue #17):
            <ProjectExport …/> (components/ProjectExport.tsx, h17export) and the quote check (h17check). */}
        <div class="project-tools" data-testid="project-tools">
          <button type="button" class="btn btn-small" data-action="check-quotes" aria-expanded={checking} onClick={() => setChecking((on) => !on)}>
            {t('checkQuotes')}
          </button>
          <ProjectExport db={db} projectId={project.id} name={project.name} citationStyles={citationStyles} />
        </div>
      </header>
      {checking && <QuoteCheck db={db} notes={project.items.flatMap((item) => (item.kind === 'note' ? (notes.get(item.noteId) ?? []) : []))} />}
      <p class="small muted board-help" id="board-help">
        {t('boardHelp')}
      </p>
      {project.items.length === 0 && <p class="notice">{t('projectEmpty')}</p>}
      <ol class="board" ref={(el) => {
          sortable.list.current = el;
        }} aria-describedby="board-help" aria-label={t('boardLabel', project.name)}>
        {sortable.order.flatMap((id, i) => {
          const item = byId.get(id);
          if (!item) return [];
          // One flat keyed list (not an array per item), so a moved item is moved, not made anew: it keeps the focus.
          const marker = sortable.dropGap === i ? [<li key="drop" class="drop-marker" aria-hidden="true" />] : [];
          return [
            ...marker,
            <li
              key={id}
              class={`board-item board-${item.kind}${sortable.moving === id ? ' moving' : ''}`}
              data-kind={item.kind}
              aria-label={labelOf(item, notes)}
              {...sortable.itemProps(id)}
            >
              <button type="button" class="drag-handle" aria-label={t('boardMoveHandle', labelOf(item, notes))} title={t('boardMoveHandleTitle')} {...sortable.handleProps(id)}>
                ⠿
              </button>
              <div class="board-body">
                {item.kind === 'note' ? (
                  <BoardNote note={notes.get(item.noteId)} article={articleByUrl} onOpen={onOpen} />
                ) : editing === item.id ? (
                  <TextEditor kind={item.kind} initial={item.text} onDone={(text) => saveText(item, text)} onCancel={() => setEditing(null)} />
                ) : item.kind === 'heading' ? (
                  <h3 class="board-heading">{item.text}</h3>
                ) : (
                  <p class="board-text">{item.text}</p>
                )}
                <span class="board-actions small">
                  {item.kind !== 'note' && editing !== item.id && (
                    <button type="button" class="link-button" onClick={() => setEditing(item.id)}>
                      {t('boardEdit')}
                    </button>
                  )}
                  <button type="button" class="link-button danger" data-action="remove-item" onClick={() => remove(item)}>
                    {t(item.kind === 'note' ? 'boardRemoveNote' : 'boardDelete')}
                  </button>
                </span>
              </div>
            </li>,
          ];
        })}
        {sortable.dropGap === sortable.order.length && <li key="drop" class="drop-marker" aria-hidden="true" />}
      </ol>
      <p class="visually-hidden" aria-live="assertive" data-testid="board-live">
        {sortable.announcement}
      </p>
      <ErrorNotice error={error} />
      <div class="board-add">
        {adding ? (
          <TextEditor
            kind={adding}
            initial=""
            onDone={(text) => {
              setAdding(null);
              if (text.trim()) addProjectText(db, project.id, adding, text).then(() => setError(null), fail('projectChangeFailed')).catch(() => {});
            }}
            onCancel={() => setAdding(null)}
          />
        ) : (
          <>
            <button type="button" class="btn btn-small" data-action="add-heading" onClick={() => setAdding('heading')}>
              {t('boardAddHeading')}
            </button>
            <button type="button" class="btn btn-small" data-action="add-text" onClick={() => setAdding('text')}>
              {t('boardAddText')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}

/** A note on the board: its words (never HTML), who said them, where from; or that it was deleted. */
function BoardNote({ note, article, onOpen }: { note: Note | undefined; article: ReadonlyMap<string, Article>; onOpen: (note: Note) => void }) {
  if (!note) return <p class="board-missing muted">{t('projectNoteDeleted')}</p>;
  const page = article.get(note.url);
  const a = note.attribution;
  const source = [a?.author ?? page?.byline, a?.title ?? page?.title ?? note.url, a?.siteName ?? page?.siteName ?? siteOf(note.url), formatDate(a?.publishedTime ?? page?.publishedTime)].filter(Boolean).join(', ');
  return (
    <div class="board-note" data-note-id={note.id} data-color={note.color}>
      <blockquote class="note-text">{note.kind === 'page' ? note.note : note.exact}</blockquote>
      {note.speaker && <p class="board-speaker">— {note.speaker}</p>}
      <p class="small muted board-source">
        {source}{' '}
        <button type="button" class="link-button" onClick={() => onOpen(note)}>
          {t(note.kind === 'page' ? 'openPage' : 'openAtPassage')}
        </button>
      </p>
      {note.check && note.kind !== 'page' && <CheckedOn check={note.check} />}
    </div>
  );
}

/** A heading's field or a text's area: Enter (Ctrl+Enter for a text) or leaving saves, Escape cancels. */
function TextEditor({ kind, initial, onDone, onCancel }: { kind: 'heading' | 'text'; initial: string; onDone: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const finish = useFinishOnce();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const common = {
    value: text,
    class: `board-field board-field-${kind}`,
    'aria-label': t(kind === 'heading' ? 'boardHeadingLabel' : 'boardTextLabel'),
    placeholder: t(kind === 'heading' ? 'boardHeadingPlaceholder' : 'boardTextPlaceholder'),
    ref: field,
    onInput: (e: Event) => setText((e.currentTarget as HTMLInputElement).value),
    onBlur: () => finish(() => onDone(text)),
    onKeyDown: (e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') finish(onCancel);
      else if (e.key === 'Enter' && (kind === 'heading' || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        finish(() => onDone(text));
      }
    },
  };
  return kind === 'heading' ? <input type="text" maxLength={500} {...common} /> : <textarea rows={3} {...common} />;
}
