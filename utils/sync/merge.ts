/**
 * What a record becomes when this device changed it and the server holds a version this change
 * never saw (issue #15), pure. Called only then: the engine applies a server version directly
 * when nothing is waiting here, and pushes directly when the server still has the version the
 * change was based on. The rules and why: docs/sync.md.
 */
import type { Article, Note, NoteVersion } from '../domain/model';
import type { Project } from '../domain/project';
import { mergeBoards } from '../domain/project-merge';
import { HISTORY_LIMIT, versionOf } from '../domain/history';
import { withLatestCheck } from '../domain/notes';
import { sameJson } from '../domain/same-json';
import type { DocKind, SyncRecord } from './docs';
import type { Hlc } from './types';

/** One side of a conflict: a record with its stamp, or a tombstone. */
export interface Version<T extends SyncRecord = SyncRecord> {
  hlc: Hlc;
  deleted: boolean;
  /** Absent when deleted. */
  record?: T;
}

export interface Merged<T extends SyncRecord = SyncRecord> {
  /**
   * `remote`: the result is exactly the server's version (store it, nothing to send). Otherwise
   * (`local`, `merged`) the result must be sent: a new stamp, above both, based on the server's rev.
   */
  take: 'remote' | 'local' | 'merged';
  deleted: boolean;
  record?: T;
}

/**
 * The later stamp (a plain string order: `<ms>:<counter>:<device>`), the device id settling a tie
 * the same way on every device.
 */
export const later = (a: Hlc, b: Hlc): boolean => a > b;

/**
 * Merges a version changed here with the server's.
 *
 * - Edit vs edit: the later stamp wins (for a note, unless that stamp is only a check of its
 *   passage and the other side's words are a later edit: a check is no edit). For a note, the loser's words (note, tags, colour, kind)
 *   go into the winner's `history` (newest first, at most 20), both histories kept, so nothing
 *   anyone wrote is lost and the side panel can put it back. Articles, bodies and settings: the
 *   later stamp wins the whole record (their content is the page's or a setting, nothing the user
 *   wrote), except that an article never loses a clip to a version that was never clipped, as in
 *   an import. A note keeps the later check of its passage against its source, from either side.
 *   A project's board (issue #17) is merged item by item: the later version's name, order and
 *   words, with the items the other added meanwhile, and without those either removed
 *   (utils/domain/project-merge.ts); two concurrent reorders end in the later one's order
 *   everywhere, never a mix. A review schedule: the later stamp wins the whole record.
 * - Edit vs delete: neither saw the other (the conflict proves it), so the edit wins, whatever
 *   the stamps: the record comes back. A delete wins over every version it had seen, but then
 *   there is no conflict and this is not called.
 * - Both deleted: deleted.
 *
 * `now`: local ms, when a loser's version is put in history.
 */
export function merge<T extends SyncRecord>(kind: DocKind, local: Version<T>, remote: Version<T>, now: number): Merged<T> {
  if (local.deleted && remote.deleted) return { take: 'remote', deleted: true };
  if (local.deleted || !local.record) return { take: 'remote', deleted: false, record: remote.record! };
  if (remote.deleted || !remote.record) return { take: 'local', deleted: false, record: local.record };

  const localWins = kind === 'note' ? laterEdit(local as Version<Note>, remote as Version<Note>) : later(local.hlc, remote.hlc);
  const [winner, loser] = localWins ? [local, remote] : [remote, local];
  let record: T;
  if (kind === 'note') record = mergeNotes(winner as Version<Note>, loser as Version<Note>, now) as T;
  else if (kind === 'article') record = keepClip(winner.record as Article, loser.record as Article) as T;
  else if (kind === 'project') record = mergeBoards(winner.record as Project, loser.record as Project) as T;
  else record = winner.record!;

  if (sameJson(record, remote.record)) return { take: 'remote', deleted: false, record: remote.record };
  return { take: localWins && sameJson(record, local.record) ? 'local' : 'merged', deleted: false, record };
}

/**
 * Whether the local note wins: the later stamp, unless that stamp is only a check of the passage
 * against its source (Note.check), stored after the note's last edit, while the other side's
 * words are a later edit: a check is no edit, so those words win, and the check is kept with them.
 */
function laterEdit(local: Version<Note>, remote: Version<Note>): boolean {
  const byStamp = later(local.hlc, remote.hlc);
  const [w, l] = byStamp ? [local.record!, remote.record!] : [remote.record!, local.record!];
  const checkOnly = w.check !== undefined && w.check.at >= w.updatedAt && (l.check === undefined || w.check.at > l.check.at) && l.updatedAt > w.updatedAt;
  return checkOnly ? !byStamp : byStamp;
}

/** The winning note with the loser's version and both histories in its history. */
function mergeNotes(winner: Version<Note>, loser: Version<Note>, now: number): Note {
  const w = winner.record!;
  const l = loser.record!;
  const versions = [...(w.history ?? []), ...(l.history ?? [])];
  if (!sameWords(w, l)) versions.push(versionOf(l, now, 'sync', loser.hlc));
  const history = newestFirst(versions);
  // A check of the passage is no edit: the later one stays, whichever version won.
  const out: Note = withLatestCheck({ ...w }, l);
  if (history.length) out.history = history;
  else delete out.history;
  return out;
}

/** The fields a user writes: what a history version keeps and a restore puts back. */
const sameWords = (a: Pick<Note, 'note' | 'tags' | 'color' | 'kind'>, b: Pick<Note, 'note' | 'tags' | 'color' | 'kind'>) =>
  a.note === b.note && a.color === b.color && a.kind === b.kind && sameJson(a.tags, b.tags);

/**
 * Versions newest first (replaced last first; then the version's own time), each once (the same
 * version reaches a note through both devices' histories), at most {@link HISTORY_LIMIT}.
 */
export function newestFirst(versions: readonly NoteVersion[]): NoteVersion[] {
  const seen = new Set<string>();
  const unique: NoteVersion[] = [];
  for (const version of versions) {
    const key = JSON.stringify([version.hlc ?? '', version.updatedAt, version.note, version.tags, version.color, version.kind]);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(version);
  }
  unique.sort((a, b) => b.replacedAt - a.replacedAt || b.updatedAt - a.updatedAt || ((b.hlc ?? '') > (a.hlc ?? '') ? 1 : -1));
  return unique.slice(0, HISTORY_LIMIT);
}

/** Fields that exist only once an article was clipped (as utils/export/import.ts keeps them). */
const CLIP_FIELDS = ['excerpt', 'wordCount', 'readingMinutes', 'clippedAt'] as const;

/** The winner, with the loser's clip when only the loser was clipped: a clip is never lost to an annotation made on an unclipped copy. */
function keepClip(winner: Article, loser: Article): Article {
  if (winner.clippedAt !== undefined || loser.clippedAt === undefined) return winner;
  const out: Article = { ...winner };
  for (const key of CLIP_FIELDS) {
    if (loser[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = loser[key];
  }
  return out;
}
