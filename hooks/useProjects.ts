import { useMemo } from 'preact/hooks';
import { listProjects } from '../utils/db/projects';
import type { VerbatimDb } from '../utils/db/schema';
import type { Project } from '../utils/domain/project';
import { useTableQuery } from './useTableQuery';

/** The user's projects, live (a few records, read whole), and which of them hold each note. */
export interface Projects {
  /** Most recently changed first. */
  list: Project[];
  loaded: boolean;
  error?: string;
  /** The projects holding a note, by note id (missing: none). */
  byNote: ReadonlyMap<string, Project[]>;
}

/** Every project as Preact state, following any context's writes (a sync, the popup, the in-page card). */
export function useProjects(db: VerbatimDb): Projects {
  // Followed by table, at once after a write: see useSettings (hooks/queries.ts) for why not a liveQuery.
  const { value, error } = useTableQuery(db, ['projects'], () => listProjects(db), [db], { wait: 0 });
  return useMemo(() => {
    const list = value ?? [];
    const byNote = new Map<string, Project[]>();
    for (const p of list) {
      for (const id of new Set(p.noteIds)) {
        const held = byNote.get(id);
        if (held) held.push(p);
        else byNote.set(id, [p]);
      }
    }
    return { list, loaded: value !== undefined, byNote, ...(error === undefined ? {} : { error }) };
  }, [value, error]);
}
