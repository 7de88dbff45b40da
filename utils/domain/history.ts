/**
 * A note's history (issue #15): the versions a sync merge replaced, and the one a restore put
 * aside, newest first, so that nothing another browser's later edit replaced is lost. Pure: the
 * sync merge, the restore in the side panel and their tests share it.
 */
import type { Note, NoteVersion } from './model';

/** Versions kept per note: enough for a few rounds of edits on two browsers, bounded so a note stays small. */
export const HISTORY_LIMIT = 20;

/** The parts of a note a version keeps: what the user wrote and chose, not where the passage is. */
export function versionOf(note: Note, replacedAt: number, reason: NoteVersion['reason'], hlc?: string): NoteVersion {
  const version: NoteVersion = { note: note.note, tags: [...note.tags], color: note.color, kind: note.kind, updatedAt: note.updatedAt, replacedAt, reason };
  if (hlc !== undefined) version.hlc = hlc;
  return version;
}

/** `history` with `version` in front, the oldest dropped past the limit. */
export const withVersion = (history: readonly NoteVersion[] | undefined, version: NoteVersion): NoteVersion[] =>
  [version, ...(history ?? [])].slice(0, HISTORY_LIMIT);

/** Two versions are the same when they say the same thing and were replaced at the same moment. */
export const sameVersion = (a: NoteVersion, b: NoteVersion): boolean =>
  a.replacedAt === b.replacedAt && a.updatedAt === b.updatedAt && a.note === b.note && a.color === b.color && a.kind === b.kind && a.tags.join('\n') === b.tags.join('\n');

/**
 * The note with `version` made current again: its text, tags, colour and kind (a page note stays
 * one, and nothing becomes one: a version of the same note never differs there, but a hand-edited
 * backup might), and the version it replaces at the head of its history (reason `restore`), so a
 * restore can itself be restored. `version` must be one of `note.history`.
 */
export function restoredNote(note: Note, version: NoteVersion, now: number): Note {
  const rest = (note.history ?? []).filter((v) => v !== version);
  const kind = note.kind === 'page' || version.kind === 'page' ? note.kind : version.kind;
  return {
    ...note,
    note: version.note,
    tags: [...version.tags],
    color: version.color,
    kind,
    updatedAt: now,
    history: withVersion(rest, versionOf(note, now, 'restore')),
  };
}
