import { describe, expect, it } from 'vitest';
import { deleteNotesChange, undoChange } from '../../utils/db/changes';
import {
  addNotesToProjects,
  addProjectText,
  createProject,
  deleteProject,
  editProjectText,
  EmptyNameError,
  getProject,
  listProjects,
  moveProjectItem,
  ProjectGoneError,
  projectsWithNote,
  removeProjectItem,
  renameProject,
  restoreItem,
  restoreProject,
} from '../../utils/db/projects';
import { addNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { NoteDraft, PageMeta } from '../../utils/domain/model';
import type { Project } from '../../utils/domain/project';
import { noteIdsOf } from '../../utils/domain/project-items';
import { dbPerTest } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const page: PageMeta = { url: 'https://blog.example/confiance/', title: 'La confiance', byline: 'Léa Martin' };
const quote = (exact: string, start: number): NoteDraft => ({
  kind: 'quote',
  color: 'yellow',
  exact,
  selectors: [{ type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start, end: start + exact.length }],
});
const notes = async (n: number) => Promise.all(Array.from({ length: n }, (_, i) => addNote(db, page, quote(`Citation numéro ${i}`, i * 100)).then((x) => x.id)));
const order = (p: Project | undefined) => p!.items.map((i) => (i.kind === 'note' ? i.noteId : `${i.kind}:${i.text}`));
/** What every write must keep: noteIds equal to the note items, in order. */
const consistent = async () => {
  for (const p of await db.projects.toArray()) expect(p.noteIds).toEqual(noteIdsOf(p.items));
};

describe('projects repository', () => {
  it('creates, lists newest change first, renames (cleaned) and refuses an empty name', async () => {
    const a = await createProject(db, '  Conférence relation   client ');
    const b = await createProject(db, 'Article sur la confiance');
    expect(a.name).toBe('Conférence relation client');
    await expect(createProject(db, ' \n')).rejects.toBeInstanceOf(EmptyNameError);
    await new Promise((r) => setTimeout(r, 2));
    await renameProject(db, a.id, 'Conférence « relation client »');
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['Conférence « relation client »', b.name]);
    await expect(renameProject(db, a.id, '   ')).rejects.toBeInstanceOf(EmptyNameError);
    await expect(renameProject(db, 'gone', 'x')).rejects.toBeInstanceOf(ProjectGoneError);
  });

  it('adds notes to several projects in one write, each note once per board, and says which projects hold a note', async () => {
    const [n1, n2, n3] = await notes(3);
    const a = await createProject(db, 'A', [n1!]);
    const b = await createProject(db, 'B');
    const added = await addNotesToProjects(db, [a.id, b.id], [n1!, n2!, n3!]);
    expect(Object.fromEntries(added)).toEqual({ [a.id]: 2, [b.id]: 3 });
    expect(order(await getProject(db, a.id))).toEqual([n1, n2, n3]);
    expect((await projectsWithNote(db, n2!)).map((p) => p.name).sort()).toEqual(['A', 'B']);
    await consistent();
  });

  it('adds to all the projects or none: a project gone meanwhile fails the whole write', async () => {
    const [n1] = await notes(1);
    const a = await createProject(db, 'A');
    await expect(addNotesToProjects(db, [a.id, 'gone'], [n1!])).rejects.toBeInstanceOf(ProjectGoneError);
    expect((await getProject(db, a.id))!.items).toEqual([]);
  });

  it('moves, adds headings and text, edits and removes them, with noteIds following every write', async () => {
    const [n1, n2, n3] = await notes(3);
    const p = await createProject(db, 'Talk', [n1!, n2!, n3!]);
    const h = await addProjectText(db, p.id, 'heading', 'Ouverture', 0);
    const t = await addProjectText(db, p.id, 'text', 'Et pourtant :', 2);
    expect(order(await getProject(db, p.id))).toEqual(['heading:Ouverture', n1, 'text:Et pourtant :', n2, n3]);
    const n3item = (await getProject(db, p.id))!.items.find((i) => i.kind === 'note' && i.noteId === n3)!;
    await moveProjectItem(db, p.id, n3item.id, 1);
    expect(order(await getProject(db, p.id))).toEqual(['heading:Ouverture', n3, n1, 'text:Et pourtant :', n2]);
    await editProjectText(db, p.id, h.id, 'Le début');
    await expect(editProjectText(db, p.id, t.id, '  ')).rejects.toThrow();
    const removed = await removeProjectItem(db, p.id, n3item.id);
    expect(removed).toEqual({ item: n3item, index: 1 });
    expect((await getProject(db, p.id))!.noteIds).toEqual([n1, n2]);
    expect(await projectsWithNote(db, n3!)).toEqual([]);
    // Undo puts it back where it was.
    await restoreItem(db, p.id, removed!.item, removed!.index);
    expect(order(await getProject(db, p.id))).toEqual(['heading:Le début', n3, n1, 'text:Et pourtant :', n2]);
    await consistent();
  });

  it('deletes a project and its Undo brings it back exactly, order included', async () => {
    const [n1, n2] = await notes(2);
    const p = await createProject(db, 'P', [n2!, n1!]);
    await addProjectText(db, p.id, 'heading', 'Titre', 1);
    const before = await getProject(db, p.id);
    const gone = await deleteProject(db, p.id);
    expect(await getProject(db, p.id)).toBeUndefined();
    expect(await projectsWithNote(db, n1!)).toEqual([]);
    await restoreProject(db, gone);
    expect(await getProject(db, p.id)).toEqual(before);
    expect((await projectsWithNote(db, n1!)).map((x) => x.id)).toEqual([p.id]);
  });

  it('keeps a deleted note in place on its boards, and the note delete’s Undo brings it back in place', async () => {
    const [n1, n2, n3] = await notes(3);
    const p = await createProject(db, 'P', [n1!, n2!, n3!]);
    const q = await createProject(db, 'Q', [n2!]);
    const change = await deleteNotesChange(db, [n2!]);
    expect(await db.notes.get(n2!)).toBeUndefined();
    // The boards still hold it at its place: the side panel shows it as deleted.
    expect(order(await getProject(db, p.id))).toEqual([n1, n2, n3]);
    expect((await projectsWithNote(db, n2!)).map((x) => x.id).sort()).toEqual([p.id, q.id].sort());
    await undoChange(db, change.undo);
    expect(await db.notes.get(n2!)).toBeDefined();
    expect(order(await getProject(db, p.id))).toEqual([n1, n2, n3]);
    expect(order(await getProject(db, q.id))).toEqual([n2]);
  });

  it('writes nothing when nothing changes (a move to the same place, the same name)', async () => {
    const [n1] = await notes(1);
    const p = await createProject(db, 'P', [n1!]);
    const before = await getProject(db, p.id);
    await moveProjectItem(db, p.id, before!.items[0]!.id, 0);
    await renameProject(db, p.id, 'P');
    await addNotesToProjects(db, [p.id], [n1!]);
    expect(await getProject(db, p.id)).toEqual(before);
  });
});
