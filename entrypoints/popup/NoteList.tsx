import { NoteItem } from '../../components/NoteItem';
import { NoteProjects } from '../../components/NoteProjects';
import { useProjects } from '../../hooks/useProjects';
import { useKnownSpeakers } from '../../hooks/queries';
import { useCitationStyles } from '../../hooks/useCitationStyles';
import { useColorNames } from '../../hooks/useColorNames';
import type { useNoteErrors } from '../../hooks/useNoteErrors';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note, NoteVersion, TagCount } from '../../utils/domain/model';
import { saveNoteChange } from '../../utils/services/notes';
import { addNotesToProjects, createProject } from '../../utils/services/projects';

export type NoteListProps = {
  db: VerbatimDb;
  notes: Note[];
  tags: TagCount[];
  /** Copies a note as a citation, in plain text or Markdown. */
  onCopy: (note: Note, format: 'text' | 'markdown', styleId?: string) => Promise<boolean>;
  /** Deletes a note (with a way back); rejects when it was not deleted. */
  onDelete: (id: string) => Promise<void>;
  /** Makes a version from a note's history current (with a way back); rejects when it was not. */
  onRestore: (id: string, version: NoteVersion) => Promise<void>;
  /** Where each note's failed action is said, on its row. */
  errors: ReturnType<typeof useNoteErrors>;
  /** Shows "Open at passage". */
  onOpen?: (note: Note) => void;
  /** The notes selected for a bulk change (the bulk bar's), and how one is selected or not. */
  selected: ReadonlySet<string>;
  onSelect: (noteId: string, selected: boolean) => void;
};

/** The popup's list of the page's notes, each editable on its row and selectable for a bulk change. */
export function NoteList({ db, notes, tags, onCopy, onDelete, onRestore, errors, onOpen, selected, onSelect }: NoteListProps) {
  const colorNames = useColorNames(db);
  const speakers = useKnownSpeakers(db).value;
  const citationStyles = useCitationStyles(db);
  const projects = useProjects(db);
  return (
    <ul class="notes">
      {notes.map((n) => (
        <NoteItem
          key={n.id}
          note={n}
          colorNames={colorNames}
          tagSuggestions={tags}
          speakerSuggestions={speakers}
          onUpdate={(id, patch, seen) => errors.run(id, () => saveNoteChange(db, id, patch, seen), 'noteChangeFailed', 'storageFullChangeNotSaved')}
          onCopy={onCopy}
          citationStyles={citationStyles}
          onDelete={(id) => void errors.run(id, () => onDelete(id), 'noteDeleteFailed')}
          onRestore={(id, version) => void errors.run(id, () => onRestore(id, version), 'versionRestoreFailed', 'storageFullChangeNotSaved')}
          onOpen={onOpen}
          error={errors.errorOf(n.id)}
          selected={selected.has(n.id)}
          onSelect={onSelect}
          footer={
            <NoteProjects
              holding={projects.byNote.get(n.id) ?? []}
              projects={projects.list}
              onAdd={(projectId) => addNotesToProjects(db, [projectId], [n.id])}
              onCreate={(name) => createProject(db, name, [n.id])}
            />
          }
        />
      ))}
    </ul>
  );
}
