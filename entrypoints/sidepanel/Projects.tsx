import { useEffect, useRef, useState } from 'preact/hooks';
import { UndoBar } from '../../components/UndoBar';
import type { Projects } from '../../hooks/useProjects';
import { useFinishOnce } from '../../hooks/useFinishOnce';
import { useUndoable } from '../../hooks/useUndoable';
import { createProject, deleteProject, renameProject, restoreProject } from '../../utils/services/projects';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note } from '../../utils/domain/model';
import type { Project } from '../../utils/domain/project';
import { formatDate, plural, t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';
import { ProjectBoard } from './ProjectBoard';
import './projects.css';

export type ProjectsViewProps = {
  db: VerbatimDb;
  projects: Projects;
  /** The project whose board is open (null: the list), kept by the panel so a note's project link can open it. */
  openId: string | null;
  onOpenProject: (id: string | null) => void;
  notes: ReadonlyMap<string, Note>;
  articleByUrl: ReadonlyMap<string, Article>;
  onOpen: (note: Note) => void;
};

/**
 * The Projects view (issue #17): the user's writing boards, to create, rename and delete (with
 * Undo), and one project's board when opened. Everything it shows is live: a note added from the
 * popup or a page's card appears here at once.
 */
export function ProjectsView({ db, projects, openId, onOpenProject, notes, articleByUrl, onOpen }: ProjectsViewProps) {
  const undo = useUndoable();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const open = openId ? projects.list.find((p) => p.id === openId) : undefined;
  const act = (run: () => Promise<unknown>, key: string) =>
    run().then(
      () => setError(null),
      (e: unknown) => {
        console.error('Verbatim: a project change failed', e);
        setError(describeWriteError(e, key, 'storageFullChangeNotSaved'));
      },
    );
  const remove = (p: Project) =>
    act(() => undo.run(() => deleteProject(db, p.id), () => t('projectDeleted', p.name), (gone) => restoreProject(db, gone)), 'projectChangeFailed').then(() => {
      if (openId === p.id) onOpenProject(null);
    });

  const bar = undo.message && <UndoBar message={undo.message} failed={undo.failed} onUndo={() => void undo.undo()} onExpire={undo.dismiss} />;
  const errorLine = error && (
    <p class="notice error" role="alert">
      {error}
    </p>
  );

  if (open) {
    return (
      <div class="projects-view">
        <div class="project-nav">
          <button type="button" class="link-button" data-action="projects-back" onClick={() => onOpenProject(null)}>
            ← {t('projectsAll')}
          </button>
        </div>
        <ProjectBoard db={db} project={open} notes={notes} articleByUrl={articleByUrl} undo={undo} onOpen={onOpen} />
        {errorLine}
        {bar}
      </div>
    );
  }

  return (
    <div class="projects-view">
      <form
        class="project-create"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void act(async () => {
            const p = await createProject(db, name);
            setName('');
            onOpenProject(p.id);
          }, 'projectCreateFailed');
        }}
      >
        <input type="text" value={name} maxLength={200} placeholder={t('projectNewPlaceholder')} aria-label={t('projectNewLabel')} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="btn btn-small" disabled={!name.trim()}>
          {t('projectCreate')}
        </button>
      </form>
      {errorLine}
      {projects.error && (
        <p class="notice error" role="alert">
          {t('libraryReadFailed', projects.error)}
        </p>
      )}
      {projects.loaded && projects.list.length === 0 && <p class="notice empty">{t('projectsEmpty')}</p>}
      <ul class="project-list" aria-label={t('viewProjects')}>
        {projects.list.map((p) => (
          <li key={p.id} class="project-row" data-project-id={p.id}>
            {renaming === p.id ? (
              <RenameField
                initial={p.name}
                onDone={(next) => {
                  setRenaming(null);
                  if (next.trim() && next.trim() !== p.name) void act(() => renameProject(db, p.id, next), 'projectChangeFailed');
                }}
                onCancel={() => setRenaming(null)}
              />
            ) : (
              <button type="button" class="project-open" onClick={() => onOpenProject(p.id)}>
                {p.name}
              </button>
            )}
            <span class="muted small">
              {plural(p.noteIds.length, 'notesCountOne', 'notesCountOther')} · {formatDate(p.updatedAt)}
            </span>
            <span class="project-actions small">
              <button type="button" class="link-button" data-action="rename-project" onClick={() => setRenaming(p.id)}>
                {t('projectRename')}
              </button>
              <button type="button" class="link-button danger" data-action="delete-project" onClick={() => void remove(p)}>
                {t('projectDelete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {bar}
    </div>
  );
}

/** A project's name being renamed: Enter or leaving saves, Escape cancels. */
function RenameField({ initial, onDone, onCancel }: { initial: string; onDone: (name: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(initial);
  const finish = useFinishOnce();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.select(), []);
  return (
    <input
      type="text"
      class="project-rename"
      value={value}
      maxLength={200}
      aria-label={t('projectRenameLabel', initial)}
      ref={field}
      onInput={(e) => setValue(e.currentTarget.value)}
      onBlur={() => finish(() => onDone(value))}
      onKeyDown={(e) => {
        if (e.key === 'Escape') finish(onCancel);
        else if (e.key === 'Enter') {
          e.preventDefault();
          finish(() => onDone(value));
        }
      }}
    />
  );
}
