import type { Project, ProjectItem } from '../domain/project';
import {
  cleanItemText,
  cleanProjectName,
  editItemText,
  insertItems,
  MAX_PROJECT_ITEMS,
  moveItem,
  noteItems,
  noteIdsOf,
  removeItem,
  withItems,
} from '../domain/project-items';
import type { VerbatimDb } from './schema';

/**
 * Projects, the user's writing boards (issue #17): each write is one transaction that reads the
 * project as stored, changes its items with a pure function (utils/domain/project-items.ts) and
 * writes it back with `noteIds` derived from them, so the `*noteIds` index always says which
 * projects hold a note. Every write is tracked for sync like any record (utils/db/tracking.ts).
 *
 * A note deleted from the library stays on the boards that hold it: its item keeps its place and
 * the board shows it as deleted (the user removes it, or it comes back with the note's Undo, with
 * no project write at all). A project never loses its order to a delete made elsewhere, on this
 * device or another one that syncs.
 */

/** The project is gone (deleted here or by a sync meanwhile): nothing was written. */
export class ProjectGoneError extends Error {
  constructor(readonly projectId: string) {
    super(`No project ${projectId}`);
    this.name = 'ProjectGoneError';
  }
}

/** The name is empty once cleaned: nothing was written. */
export class EmptyNameError extends Error {
  constructor() {
    super('A project needs a name');
    this.name = 'EmptyNameError';
  }
}

/** The board is full ({@link MAX_PROJECT_ITEMS}): nothing was written. */
export class ProjectFullError extends Error {
  constructor(readonly projectId: string) {
    super(`Project ${projectId} is full`);
    this.name = 'ProjectFullError';
  }
}

const newId = () => crypto.randomUUID();

/** Every project, the most recently changed first. */
export const listProjects = (db: VerbatimDb): Promise<Project[]> => db.projects.orderBy('updatedAt').reverse().toArray();

/** One project, or undefined. */
export const getProject = (db: VerbatimDb, id: string): Promise<Project | undefined> => db.projects.get(id);

/** The projects holding this note (through the `*noteIds` index). */
export const projectsWithNote = (db: VerbatimDb, noteId: string): Promise<Project[]> => db.projects.where('noteIds').equals(noteId).toArray();

/** A new project with this name, and these notes on its board in this order. */
export function createProject(db: VerbatimDb, name: string, noteIds: readonly string[] = []): Promise<Project> {
  const clean = cleanProjectName(name);
  if (!clean) return Promise.reject(new EmptyNameError());
  const t = Date.now();
  const items = insertItems([], noteItems(noteIds, newId));
  const project: Project = { id: newId(), name: clean, items, noteIds: noteIdsOf(items), createdAt: t, updatedAt: t };
  return db.transaction('rw', db.projects, async () => {
    await db.projects.add(project);
    return project;
  });
}

/**
 * Reads a project, changes it with `edit` (synchronous: awaiting anything else inside a
 * transaction lets it commit early) and writes it back, in one transaction. Returns the project
 * as it was and as it is now; `edit` returning the same items writes nothing.
 */
function editProject(db: VerbatimDb, id: string, edit: (p: Project) => Project | null): Promise<{ before: Project; after: Project }> {
  return db.transaction('rw', db.projects, async () => {
    const before = await db.projects.get(id);
    if (!before) throw new ProjectGoneError(id);
    const after = edit(before);
    if (!after || after === before) return { before, after: before };
    if (after.items.length > MAX_PROJECT_ITEMS && after.items.length > before.items.length) throw new ProjectFullError(id);
    await db.projects.put(after);
    return { before, after };
  });
}

const editItems = (db: VerbatimDb, id: string, edit: (items: ProjectItem[]) => ProjectItem[]) =>
  editProject(db, id, (p) => {
    const items = edit(p.items);
    return sameItems(items, p.items) ? null : withItems(p, items, Date.now());
  });

const sameItems = (a: readonly ProjectItem[], b: readonly ProjectItem[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Renames a project (the name cleaned; empty refused). */
export async function renameProject(db: VerbatimDb, id: string, name: string): Promise<Project> {
  const clean = cleanProjectName(name);
  if (!clean) throw new EmptyNameError();
  const { after } = await editProject(db, id, (p) => (p.name === clean ? null : { ...p, name: clean, updatedAt: Math.max(Date.now(), p.updatedAt) }));
  return after;
}

/** Deletes a project; returns it as it was, for {@link restoreProject} (Undo). */
export function deleteProject(db: VerbatimDb, id: string): Promise<Project> {
  return db.transaction('rw', db.projects, async () => {
    const project = await db.projects.get(id);
    if (!project) throw new ProjectGoneError(id);
    await db.projects.delete(id);
    return project;
  });
}

/** Puts a project back exactly as it was (Undo of a delete, or of any change: the record before it). */
export function restoreProject(db: VerbatimDb, project: Project): Promise<void> {
  return db.transaction('rw', db.projects, async () => {
    await db.projects.put({ ...project, noteIds: noteIdsOf(project.items) });
  });
}

/**
 * Adds these notes at the end of each of these projects' boards (those already there stay where
 * they are), all in one transaction: every project or none. Returns how many items were added
 * to each project, by id.
 */
export function addNotesToProjects(db: VerbatimDb, projectIds: readonly string[], noteIds: readonly string[]): Promise<Map<string, number>> {
  return db.transaction('rw', db.projects, async () => {
    const ids = [...new Set(projectIds)];
    const projects = await db.projects.bulkGet(ids);
    const t = Date.now();
    const added = new Map<string, number>();
    const put: Project[] = [];
    projects.forEach((p, i) => {
      if (!p) throw new ProjectGoneError(ids[i]!);
      const items = insertItems(p.items, noteItems(noteIds, newId));
      added.set(p.id, items.length - p.items.length);
      if (items.length === p.items.length) return;
      if (items.length > MAX_PROJECT_ITEMS) throw new ProjectFullError(p.id);
      put.push(withItems(p, items, t));
    });
    if (put.length) await db.projects.bulkPut(put);
    return added;
  });
}

/** Removes one item (a note, a heading, a text); returns it and where it was, for {@link restoreItem}. */
export async function removeProjectItem(db: VerbatimDb, projectId: string, itemId: string): Promise<{ item: ProjectItem; index: number } | undefined> {
  let removed: { item: ProjectItem; index: number } | undefined;
  await editItems(db, projectId, (items) => {
    const out = removeItem(items, itemId);
    if (out.removed) removed = { item: out.removed, index: out.index };
    return out.removed ? out.items : items;
  });
  return removed;
}

/** Puts a removed item back at its place (Undo); a note already back on the board meanwhile is not doubled. */
export async function restoreItem(db: VerbatimDb, projectId: string, item: ProjectItem, index: number): Promise<void> {
  await editItems(db, projectId, (items) => (items.some((i) => i.id === item.id) ? items : insertItems(items, [item], index)));
}

/** Moves an item so that it ends at `to` (clamped). */
export async function moveProjectItem(db: VerbatimDb, projectId: string, itemId: string, to: number): Promise<Project> {
  return (await editItems(db, projectId, (items) => moveItem(items, itemId, to))).after;
}

/** Adds a heading or a connecting text at `at` (default the end); returns the new item. Empty text is refused. */
export async function addProjectText(db: VerbatimDb, projectId: string, kind: 'heading' | 'text', text: string, at?: number): Promise<ProjectItem> {
  const clean = cleanItemText(kind, text);
  if (!clean) throw new Error('Empty text');
  const item: ProjectItem = { kind, id: newId(), text: clean };
  await editItems(db, projectId, (items) => insertItems(items, [item], at));
  return item;
}

/** Replaces a heading's or text's words (cleaned; empty refused). */
export async function editProjectText(db: VerbatimDb, projectId: string, itemId: string, text: string): Promise<void> {
  if (!/\S/.test(text)) throw new Error('Empty text');
  await editItems(db, projectId, (items) => editItemText(items, itemId, text));
}
