import { useState } from 'preact/hooks';
import { t } from '../utils/platform/i18n';
import { AddToProject, type ProjectChoice } from './AddToProject';

export type NoteProjectsProps = {
  /** The projects holding this note, named under it. */
  holding: readonly ProjectChoice[];
  /** Every project, for the picker. */
  projects: readonly ProjectChoice[];
  /** Adds the note to a project; rejects when nothing was written. */
  onAdd: (projectId: string) => Promise<unknown>;
  /** Makes a project holding the note. */
  onCreate: (name: string) => Promise<unknown>;
  /** Opens a project's board (a name under the note is a link to it). */
  onOpenProject?: (projectId: string) => void;
};

/** Under a note: the projects that hold it, and "Add to project", which opens the picker in place. */
export function NoteProjects({ holding, projects, onAdd, onCreate, onOpenProject }: NoteProjectsProps) {
  const [open, setOpen] = useState(false);
  const held = new Set(holding.map((p) => p.id));
  return (
    <div class={open ? 'note-projects small picking' : 'note-projects small'}>
      {holding.length > 0 && (
        <span class="muted" data-testid="note-projects">
          {t('projectsHolding')}{' '}
          {holding.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ' · '}
              {onOpenProject ? (
                <button type="button" class="link-button" onClick={() => onOpenProject(p.id)}>
                  {p.name}
                </button>
              ) : (
                p.name
              )}
            </span>
          ))}
        </span>
      )}
      <button type="button" class="link-button" data-action="add-to-project" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('projectAddAction')}
      </button>
      {open && <AddToProject projects={projects} holding={held} count={1} onAdd={onAdd} onCreate={onCreate} onClose={() => setOpen(false)} />}
    </div>
  );
}
