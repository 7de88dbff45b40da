import { useState } from 'preact/hooks';
import { plural, t } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { ErrorNotice } from './ErrorNotice';

/** A project as the picker lists it. */
export type ProjectChoice = { id: string; name: string };

export type AddToProjectProps = {
  /** Every project, in the order to list them (most recently changed first). */
  projects: readonly ProjectChoice[];
  /** Ids of the projects that already hold the note (or every selected note): shown ticked, not offered again. */
  holding: ReadonlySet<string>;
  /** How many notes are added (1 for a note's own action, more from the bulk bar). */
  count: number;
  /** Adds the notes to this project; rejects when nothing was written (said here). */
  onAdd: (projectId: string) => Promise<unknown>;
  /** Makes a project of this name holding the notes; rejects when nothing was written. */
  onCreate: (name: string) => Promise<unknown>;
  /** Closes the picker (Escape, or after an add). */
  onClose: () => void;
};

/**
 * "Add to project": the user's projects, those already holding the note ticked, and a field to
 * make a new one with it. The same picker in the side panel (a note, the selected notes), the
 * popup and the in-page card's editor; each place passes how it writes. A failure is said here.
 */
export function AddToProject({ projects, holding, count, onAdd, onCreate, onClose }: AddToProjectProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const act = async (run: () => Promise<unknown>, said: string) => {
    setWorking(true);
    setError(null);
    try {
      await run();
      setDone(said);
      setName('');
    } catch (e) {
      console.error('Verbatim: adding to a project failed', e);
      setError(describeWriteError(e, 'projectAddFailed', 'storageFullChangeNotSaved'));
    } finally {
      setWorking(false);
    }
  };
  return (
    <div
      class="add-to-project"
      role="group"
      aria-label={plural(count, 'projectAddTitleOne', 'projectAddTitleOther')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {projects.length > 0 && (
        <ul class="project-choices">
          {projects.map((p) => {
            const has = holding.has(p.id);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  class="chip project-choice"
                  data-project-id={p.id}
                  aria-pressed={has}
                  disabled={working || has}
                  onClick={() => void act(() => onAdd(p.id), plural(count, 'projectAddedOne', 'projectAddedOther', p.name))}
                >
                  {has ? '✓ ' : '+ '}
                  {p.name}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        class="project-new"
        onSubmit={(e) => {
          e.preventDefault();
          const clean = name.trim();
          if (clean) void act(() => onCreate(clean), plural(count, 'projectAddedOne', 'projectAddedOther', clean));
        }}
      >
        <input
          type="text"
          value={name}
          maxLength={200}
          placeholder={t('projectNewPlaceholder')}
          aria-label={t('projectNewLabel')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-small" disabled={working || !name.trim()}>
          {t('projectCreateAndAdd')}
        </button>
        <button type="button" class="link-button" onClick={onClose}>
          {t('close')}
        </button>
      </form>
      <p class="small muted" role="status">
        {done}
      </p>
      <ErrorNotice error={error} class="small" />
    </div>
  );
}
