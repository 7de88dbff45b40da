import { describe, expect, it } from 'vitest';
import { addNote, updateNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { NoteDraft, PageMeta } from '../../utils/domain/model';
import { envelope, parseRequest, pageRequests } from '../../utils/messaging/protocol';
import { dbPerTest } from '../support/db';

/** The speaker Verbatim proposes for a quote (issue #16), as the background receives and stores it. */

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));

const page: PageMeta = { url: 'https://blog.example/relation-client/', title: 'Relation client', byline: 'Julie Moreau' };
const draft = (extra: Partial<NoteDraft> = {}): NoteDraft => ({
  kind: 'quote',
  color: 'blue',
  exact: 'mal nommer les choses',
  selectors: [{ type: 'TextQuoteSelector', exact: 'mal nommer les choses' }],
  ...extra,
});

describe('addNote with a proposed speaker', () => {
  it('stores a quote’s speaker as a proposal, trimmed, and reads it back', async () => {
    const note = await addNote(db, page, draft({ speaker: '  Albert   Camus ', speakerProposed: true }));
    expect(note).toMatchObject({ speaker: 'Albert Camus', speakerProposed: true });
    expect(await db.notes.get(note.id)).toMatchObject({ speaker: 'Albert Camus', speakerProposed: true });
  });

  it('stores no speaker for a highlight, nor an empty one', async () => {
    const highlight = await addNote(db, page, draft({ kind: 'highlight', speaker: 'Albert Camus', speakerProposed: true }));
    const blank = await addNote(db, page, draft({ speaker: '  ', speakerProposed: true }));
    for (const note of [highlight, blank]) {
      const stored = await db.notes.get(note.id);
      expect(stored).not.toHaveProperty('speaker');
      expect(stored).not.toHaveProperty('speakerProposed');
    }
  });
});

describe('a highlight made a quote with a proposed speaker', () => {
  it('gets the speaker as a proposal', async () => {
    const note = await addNote(db, page, draft({ kind: 'highlight' }));
    expect(await updateNote(db, note.id, { kind: 'quote', proposedSpeaker: 'Albert Camus' })).toMatchObject({ kind: 'quote', speaker: 'Albert Camus', speakerProposed: true });
  });

  it('keeps the speaker the user set: a proposal never replaces it', async () => {
    const note = await addNote(db, page, draft({ kind: 'highlight' }));
    await updateNote(db, note.id, { speaker: 'Camus' });
    const quote = await updateNote(db, note.id, { kind: 'quote', proposedSpeaker: 'Albert Camus' });
    expect(quote.speaker).toBe('Camus');
    expect(quote).not.toHaveProperty('speakerProposed');
  });

  it('ignores a proposal that comes without the switch to a quote', async () => {
    const note = await addNote(db, page, draft({ kind: 'highlight' }));
    expect(await updateNote(db, note.id, { color: 'green', proposedSpeaker: 'Albert Camus' })).not.toHaveProperty('speaker');
  });
});

describe('the page’s messages', () => {
  const save = (extra: Partial<NoteDraft>) => parseRequest(pageRequests, envelope('saveNote', { page, draft: draft(extra) }));
  const update = (patch: unknown) => parseRequest(pageRequests, envelope('updateNote', { url: page.url, id: 'n1', patch }));

  it('accept a proposed speaker of a reasonable length, and refuse a longer one or a proposal that is not `true`', () => {
    expect(save({ speaker: 'Albert Camus', speakerProposed: true })).toMatchObject({ ok: true });
    expect(save({ speaker: 'x'.repeat(201), speakerProposed: true })).toMatchObject({ ok: false });
    expect(save({ speaker: 'Albert Camus', speakerProposed: false as never })).toMatchObject({ ok: false });
    expect(update({ kind: 'quote', proposedSpeaker: 'Albert Camus' })).toMatchObject({ ok: true });
    expect(update({ kind: 'quote', proposedSpeaker: 'x'.repeat(1000) })).toMatchObject({ ok: false });
  });
});
