import { addNotesToProjects, createProject, listProjects } from '../../utils/db/projects';
import { knownSpeakers, tagCounts, updateNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { EditorProjects, EditorProtocol } from '../../utils/messaging/protocol';
import { noteOfPage, type Handlers } from './caller';

/**
 * The background's answers to the in-page card's note editor (an extension page framed in the
 * card). The router has checked that the sender is that page in a frame of a tab: the note it
 * names must be of the page that tab shows, so a page that frames the editor itself reaches no
 * other page's notes.
 */
/**
 * Saves of one note, in the order they arrived: the editor sends a save behind one still on its
 * way when the card closes, based on the text that one writes, so it must not overtake it.
 */
const saves = new Map<string, Promise<unknown>>();
function inOrder<T>(id: string, work: () => Promise<T>): Promise<T> {
  const run = (saves.get(id) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => undefined);
  saves.set(id, settled);
  void settled.then(() => saves.get(id) === settled && saves.delete(id));
  return run;
}

/** Every project by name, and those holding the note (projects are few: read whole). */
async function projectsFor(db: VerbatimDb, noteId: string): Promise<EditorProjects> {
  const projects = await listProjects(db);
  return { projects: projects.map((p) => ({ id: p.id, name: p.name })), holding: projects.filter((p) => p.noteIds.includes(noteId)).map((p) => p.id) };
}

export const editorHandlers: Handlers<EditorProtocol> = {
  editorOpen: async (db, { id }, caller) => ({ note: await noteOfPage(db, id, caller), tags: await tagCounts(db), speakers: await knownSpeakers(db) }),
  editorSave: (db, { id, patch, seen }, caller) =>
    inOrder(id, async () => {
      await noteOfPage(db, id, caller);
      return updateNote(db, id, patch, seen);
    }),
  editorSignal: async (db, { id, message }, caller) => {
    await noteOfPage(db, id, caller);
    await caller.platform.relay(caller.tabId, id, message);
    return true;
  },
  editorProjects: async (db, { id }, caller) => {
    await noteOfPage(db, id, caller);
    return projectsFor(db, id);
  },
  editorAddToProject: async (db, { id, projectId, name }, caller) => {
    await noteOfPage(db, id, caller);
    if (projectId !== undefined) await addNotesToProjects(db, [projectId], [id]);
    else await createProject(db, name ?? '', [id]);
    return projectsFor(db, id);
  },
};
