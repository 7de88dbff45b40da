import { useEffect, useState } from 'preact/hooks';
import { NoteProjects } from '../../components/NoteProjects';
import type { EditorProjects } from '../../utils/messaging/protocol';
import { callBackground } from '../../utils/messaging/rpc';

/**
 * "Add to project" in the page's card (issue #17): the projects holding the note and the picker,
 * read and written through the background (this frame cannot open the database), which checks
 * the note is of the page the tab shows. A refusal rejects, and the picker says it.
 */
export function CardProjects({ noteId }: { noteId: string }) {
  const [state, setState] = useState<EditorProjects | null>(null);
  useEffect(() => {
    void callBackground('editorProjects', { id: noteId }).then((reply) => reply.ok && setState(reply.value));
  }, [noteId]);
  const add = async (req: { projectId: string } | { name: string }) => {
    const reply = await callBackground('editorAddToProject', { id: noteId, ...req });
    if (!reply.ok) throw new Error(reply.error);
    setState(reply.value);
  };
  if (!state) return null;
  const held = new Set(state.holding);
  return (
    <NoteProjects
      holding={state.projects.filter((p) => held.has(p.id))}
      projects={state.projects}
      onAdd={(projectId) => add({ projectId })}
      onCreate={(name) => add({ name })}
    />
  );
}
