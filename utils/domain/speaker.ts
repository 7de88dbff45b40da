/** A quote's speaker as the user sets it (issue #16). Pure: the repository, the editors and the exports share it. */
import type { Note } from './model';
import { MAX_SPEAKER } from './record-schemas';

/**
 * A speaker's name as stored, from what a field held: spaces (line breaks and no-break spaces
 * included) made one, trimmed, cut to {@link MAX_SPEAKER} characters (never inside a surrogate
 * pair). Undefined when nothing is left: the speaker is unknown.
 */
export function cleanSpeaker(raw: string): string | undefined {
  const one = raw.replace(/\s+/gu, ' ').trim();
  if (!one) return undefined;
  return Array.from(one).slice(0, MAX_SPEAKER).join('').trim();
}

/**
 * The note with the speaker the user set: accepted (the same name), changed, or cleared (`""`).
 * Whatever it was, it is no longer a proposal.
 */
export function withSpeaker<T extends Pick<Note, 'speaker' | 'speakerProposed'>>(note: T, raw: string): T {
  const out = { ...note };
  const speaker = cleanSpeaker(raw);
  if (speaker === undefined) delete out.speaker;
  else out.speaker = speaker;
  delete out.speakerProposed;
  return out;
}

/** Speakers compared as the side panel's filter and the exports' grouping do: case and spaces aside. */
export const speakerKey = (speaker: string): string => speaker.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('fr');
