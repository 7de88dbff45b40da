import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NotePatchSchema, NoteSchema, MAX_SPEAKER } from '../../utils/domain/record-schemas';
import { cleanSpeaker, speakerKey, withSpeaker } from '../../utils/domain/speaker';

const quote = {
  id: 'q1',
  url: 'https://blog.example/verite/',
  kind: 'quote',
  color: 'blue',
  exact: 'La vérité est rarement pure',
  selectors: [{ type: 'TextQuoteSelector', exact: 'La vérité est rarement pure' }],
  note: '',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
};

describe('a quote’s speaker', () => {
  it.each([
    ['  Albert   Camus ', 'Albert Camus'],
    ['la\u00A0CNIL', 'la CNIL'],
    ['Steve\nJobs', 'Steve Jobs'],
    ['', undefined],
    [' \t\n', undefined],
  ])('%j is stored as %j', (raw, stored) => {
    expect(cleanSpeaker(raw)).toBe(stored);
  });

  it('is cut to its longest, never inside an emoji', () => {
    const long = `${'a'.repeat(MAX_SPEAKER - 1)}😀😀`;
    expect(Array.from(cleanSpeaker(long)!)).toHaveLength(MAX_SPEAKER);
    expect(cleanSpeaker(long)!.endsWith('😀')).toBe(true);
  });

  it('set by the user, is no longer a proposal; cleared, is gone', () => {
    expect(withSpeaker({ speaker: 'Wilde', speakerProposed: true as const }, 'Oscar Wilde')).toEqual({ speaker: 'Oscar Wilde' });
    expect(withSpeaker({ speaker: 'Wilde', speakerProposed: true as const }, '')).toEqual({});
  });

  it('compares names case and spaces aside', () => {
    expect(speakerKey('  ALBERT  Camus')).toBe(speakerKey('albert camus'));
    expect(speakerKey('Émile Zola')).not.toBe(speakerKey('Emile Zola'));
  });

  it('is kept by a stored note (backup, restore, sync) only trimmed, on one line, not empty', () => {
    expect(v.parse(NoteSchema, { ...quote, speaker: 'Oscar Wilde', speakerProposed: true })).toMatchObject({ speaker: 'Oscar Wilde', speakerProposed: true });
    for (const speaker of ['', ' Oscar Wilde', 'Oscar\nWilde', 'a'.repeat(MAX_SPEAKER + 1)]) expect(v.safeParse(NoteSchema, { ...quote, speaker }).success).toBe(false);
    expect(v.safeParse(NoteSchema, { ...quote, speakerProposed: false }).success).toBe(false);
  });

  it('is an edit a patch carries, "" clearing it', () => {
    expect(v.parse(NotePatchSchema, { speaker: '' })).toEqual({ speaker: '' });
    expect(v.parse(NotePatchSchema, { speaker: ' Oscar Wilde ' })).toEqual({ speaker: ' Oscar Wilde ' });
    expect(v.safeParse(NotePatchSchema, { speaker: 'x'.repeat(MAX_SPEAKER * 2 + 1) }).success).toBe(false);
    expect(v.safeParse(NotePatchSchema, { speakerProposed: true }).success).toBe(false);
  });
});
