import type { Article, Note } from '../domain/model';
import type { Project } from '../domain/project';
import type { VerbatimDb } from './schema';

/** A project with what its export cites: its notes by id, and their articles by the notes' URLs. */
export interface ProjectSources {
  project: Project;
  notes: Map<string, Note>;
  articles: Map<string, Article>;
}

/**
 * A project and the records its export needs, read in one transaction so the draft is one state
 * of the library (issue #17): its notes (a note it names that was deleted is simply not there),
 * and each note's article, by the note's own address or, for a note made at another address of
 * the article (its AMP or canonical page), the article that lists it among its aliases.
 * Undefined when there is no such project.
 */
export function projectSources(db: VerbatimDb, projectId: string): Promise<ProjectSources | undefined> {
  return db.transaction('r', [db.projects, db.notes, db.articles], async () => {
    const project = await db.projects.get(projectId);
    if (!project) return undefined;
    const ids = [...new Set(project.items.flatMap((i) => (i.kind === 'note' ? [i.noteId] : [])))];
    const notes = (await db.notes.bulkGet(ids)).filter((n): n is Note => n !== undefined);
    const urls = [...new Set(notes.map((n) => n.url))];
    const articles = new Map<string, Article>();
    if (urls.length) {
      for (const a of await db.articles.where('url').anyOf(urls).toArray()) articles.set(a.url, a);
      const rest = urls.filter((u) => !articles.has(u));
      if (rest.length) {
        for (const a of await db.articles.where('aliases').anyOf(rest).toArray()) {
          for (const u of a.aliases ?? []) if (rest.includes(u) && !articles.has(u)) articles.set(u, a);
        }
      }
    }
    return { project, notes: new Map(notes.map((n) => [n.id, n])), articles };
  });
}
