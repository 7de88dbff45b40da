import { describe, expect, it } from 'vitest';
import type { Article, Note, NoteVersion, SettingRow } from '../../utils/domain/model';
import { nextHlc, wallOf } from '../../utils/domain/hlc';
import { merge, type Version } from '../../utils/sync/merge';
import type { BodyRecord } from '../../utils/sync/docs';

/** A stamp as utils/domain/hlc.ts writes it: `<ms, 15 digits>:<counter, 5 digits>:<device>`. */
const stamp = (ms: number, device = 'a', counter = 0) => `${String(ms).padStart(15, '0')}:${String(counter).padStart(5, '0')}:${device}`;

const T = Date.UTC(2026, 11, 4, 12);
const YEAR = 365 * 24 * 3600 * 1000;
const NOW = T + 60_000;

function note(fields: Partial<Note> = {}): Note {
  return {
    id: 'n1',
    url: 'https://example.com/a',
    kind: 'highlight',
    color: 'yellow',
    exact: 'a passage',
    selectors: [{ type: 'TextQuoteSelector', exact: 'a passage' }],
    note: '',
    tags: [],
    createdAt: T - 1000,
    updatedAt: T,
    ...fields,
  };
}
const edit = <R extends Note | Article | BodyRecord | SettingRow>(record: R, hlc: string): Version<R> => ({ hlc, deleted: false, record });
const gone = (hlc: string): Version<never> => ({ hlc, deleted: true });

describe('merge: edit vs edit on a note', () => {
  it('the later stamp wins and the other version goes into its history, restorable', () => {
    const mine = note({ note: 'mine, earlier', updatedAt: T + 1 });
    const theirs = note({ note: 'theirs, later', tags: ['x'], color: 'blue', updatedAt: T + 2 });
    const result = merge('note', edit(mine, stamp(T + 1, 'a')), edit(theirs, stamp(T + 2, 'b')), NOW);
    expect(result.take).toBe('merged');
    expect(result.record!.note).toBe('theirs, later');
    expect(result.record!.tags).toEqual(['x']);
    expect(result.record!.history).toEqual<NoteVersion[]>([
      { note: 'mine, earlier', tags: [], color: 'yellow', kind: 'highlight', updatedAt: T + 1, hlc: stamp(T + 1, 'a'), replacedAt: NOW, reason: 'sync' },
    ]);
  });

  it('the same outcome from the other device: the local version wins when it is later', () => {
    const mine = note({ note: 'mine, later', updatedAt: T + 2 });
    const theirs = note({ note: 'theirs, earlier', updatedAt: T + 1 });
    const result = merge('note', edit(mine, stamp(T + 2, 'b')), edit(theirs, stamp(T + 1, 'a')), NOW);
    expect(result.take).toBe('merged');
    expect(result.record!.note).toBe('mine, later');
    expect(result.record!.history!.map((h) => h.note)).toEqual(['theirs, earlier']);
  });

  it('both devices reach the same words whichever merges', () => {
    const a = edit(note({ note: 'A' }), stamp(T + 5, 'a'));
    const b = edit(note({ note: 'B' }), stamp(T + 5, 'b'));
    const onA = merge('note', a, b, NOW).record!;
    const onB = merge('note', b, a, NOW).record!;
    expect(onA.note).toBe(onB.note);
    expect(onA.history).toEqual(onB.history);
  });

  it('keeps the later check of the passage against its source, whichever version wins (issue #17)', () => {
    const checked = { at: T + 50, outcome: 'reworded' as const, found: 'a pasage' };
    // Checked here, edited later there: their words win, the check made here stays.
    const mine = note({ check: checked });
    const theirs = note({ note: 'edited there', updatedAt: T + 2 });
    const merged = merge('note', edit(mine, stamp(T + 1, 'a')), edit(theirs, stamp(T + 2, 'b')), NOW).record!;
    expect(merged.note).toBe('edited there');
    expect(merged.check).toEqual(checked);
    // Both checked: the later check, whichever side made it.
    const older = note({ check: { at: T + 10, outcome: 'same' } });
    expect(merge('note', edit(older, stamp(T + 9, 'a')), edit(mine, stamp(T + 1, 'b')), NOW).record!.check).toEqual(checked);
    // A check of another passage (re-attached there) is not carried over.
    const reattached = note({ exact: 'another passage', selectors: [{ type: 'TextQuoteSelector', exact: 'another passage' }] });
    expect(merge('note', edit(mine, stamp(T + 1, 'a')), edit(reattached, stamp(T + 2, 'b')), NOW).record!.check).toBeUndefined();
  });

  it('a check stored after an edit made elsewhere is no edit: the words written there win, with the check, on both sides', () => {
    // Here: edited offline at T + 10. There: the passage checked at T + 50, its words untouched (stamped later).
    const mine = note({ note: 'written here, offline', updatedAt: T + 10 });
    const checked = note({ check: { at: T + 50, outcome: 'same' } });
    for (const result of [merge('note', edit(mine, stamp(T + 10, 'a')), edit(checked, stamp(T + 50, 'b')), NOW), merge('note', edit(checked, stamp(T + 50, 'b')), edit(mine, stamp(T + 10, 'a')), NOW)]) {
      expect(result.record!.note).toBe('written here, offline');
      expect(result.record!.check).toEqual({ at: T + 50, outcome: 'same' });
    }
    // Words edited there after the check are an edit: the later stamp wins them, as always.
    const editedAfter = note({ note: 'written there after checking', updatedAt: T + 60, check: { at: T + 50, outcome: 'same' } });
    expect(merge('note', edit(mine, stamp(T + 10, 'a')), edit(editedAfter, stamp(T + 60, 'b')), NOW).record!.note).toBe('written there after checking');
  });

  it('keeps both histories, each version once, newest first, at most 20', () => {
    const version = (i: number): NoteVersion => ({ note: `v${i}`, tags: [], color: 'yellow', kind: 'highlight', updatedAt: T - 100 + i, replacedAt: T - 100 + i, reason: 'sync' });
    const shared = version(0);
    const mine = note({ note: 'mine', history: [version(3), shared] });
    const theirs = note({ note: 'theirs', history: [version(2), shared] });
    const merged = merge('note', edit(mine, stamp(T, 'a')), edit(theirs, stamp(T + 1, 'b')), NOW).record!;
    expect(merged.history!.map((h) => h.note)).toEqual(['mine', 'v3', 'v2', 'v0']);

    const long = note({ note: 'long', history: Array.from({ length: 20 }, (_, i) => version(40 - i)) });
    const capped = merge('note', edit(note({ note: 'new' }), stamp(T + 9, 'a')), edit(long, stamp(T, 'b')), NOW).record!;
    expect(capped.history).toHaveLength(20);
    expect(capped.history![0]!.note).toBe('long');
    expect(capped.history!.at(-1)!.note).toBe('v22');
  });

  it('a loser with the same words adds nothing to history; the server version is taken as is', () => {
    const same = { note: 'agreed', tags: ['t'] };
    const result = merge('note', edit(note({ ...same, updatedAt: T + 1 }), stamp(T + 1, 'a')), edit(note({ ...same, updatedAt: T + 2 }), stamp(T + 2, 'b')), NOW);
    expect(result.take).toBe('remote');
    expect(result.record!.history).toBeUndefined();
  });

  it('a later local version whose words the server already had is sent as it is (nothing new in history)', () => {
    const same = { note: 'agreed' };
    const result = merge('note', edit(note({ ...same, updatedAt: T + 2 }), stamp(T + 2, 'a')), edit(note({ ...same, updatedAt: T + 1 }), stamp(T + 1, 'b')), NOW);
    expect(result).toMatchObject({ take: 'local', deleted: false });
    expect(result.record!.updatedAt).toBe(T + 2);
  });
});

describe('merge: edit vs delete, both deleted', () => {
  it('a note edited here and deleted on the server (neither saw the other) survives', () => {
    const result = merge('note', edit(note({ note: 'kept' }), stamp(T, 'a')), gone(stamp(T + 10_000, 'b')), NOW);
    expect(result).toEqual({ take: 'local', deleted: false, record: note({ note: 'kept' }) });
  });

  it('a note deleted here and edited on the server comes back, even when the delete is later', () => {
    const theirs = note({ note: 'edited elsewhere' });
    const result = merge('note', gone(stamp(T + 10_000, 'a')), edit(theirs, stamp(T, 'b')), NOW);
    expect(result).toEqual({ take: 'remote', deleted: false, record: theirs });
  });

  it('deleted on both: deleted, nothing to send', () => {
    expect(merge('note', gone(stamp(T, 'a')), gone(stamp(T + 1, 'b')), NOW)).toEqual({ take: 'remote', deleted: true });
  });

  it('an article, a body or a setting edited on one side survives a delete on the other too', () => {
    const setting: SettingRow = { key: 'backupReminder', value: 'weekly' };
    expect(merge('setting', edit(setting, stamp(T, 'a')), gone(stamp(T + 1, 'b')), NOW)).toMatchObject({ take: 'local', deleted: false, record: setting });
    const body: BodyRecord = { id: 'x', url: 'https://example.com/a', html: '<p>hi</p>' };
    expect(merge('body', gone(stamp(T + 1, 'a')), edit(body, stamp(T, 'b')), NOW)).toMatchObject({ take: 'remote', record: body });
  });
});

describe('merge: articles, bodies, settings', () => {
  const article = (fields: Partial<Article> = {}): Article => ({
    id: 'a1',
    url: 'https://example.com/a',
    title: 'A page',
    tags: [],
    createdAt: T,
    updatedAt: T,
    ...fields,
  });

  it('the later stamp wins the whole record', () => {
    const mine = article({ title: 'mine', tags: ['m'] });
    const theirs = article({ title: 'theirs', byline: 'someone' });
    expect(merge('article', edit(mine, stamp(T + 1, 'a')), edit(theirs, stamp(T + 2, 'b')), NOW)).toEqual({ take: 'remote', deleted: false, record: theirs });
    expect(merge('article', edit(mine, stamp(T + 3, 'a')), edit(theirs, stamp(T + 2, 'b')), NOW)).toEqual({ take: 'local', deleted: false, record: mine });

    const a: SettingRow = { key: 'colorNames', value: { yellow: 'Idea' } };
    const b: SettingRow = { key: 'colorNames', value: { blue: 'Figure' } };
    expect(merge('setting', edit(a, stamp(T + 2, 'a')), edit(b, stamp(T + 1, 'b')), NOW).record).toEqual(a);
    const bodyA: BodyRecord = { id: 'x', url: 'https://example.com/a', text: 'old' };
    const bodyB: BodyRecord = { id: 'x', url: 'https://example.com/a', text: 'new' };
    expect(merge('body', edit(bodyA, stamp(T + 1, 'a')), edit(bodyB, stamp(T + 2, 'b')), NOW).record).toEqual(bodyB);
  });

  it('a clipped article keeps its clip against a later version that was never clipped', () => {
    const clipped = article({ clippedAt: T, excerpt: 'ex', wordCount: 900, readingMinutes: 4 });
    const annotated = article({ tags: ['later'], updatedAt: T + 5 });
    const result = merge('article', edit(clipped, stamp(T, 'a')), edit(annotated, stamp(T + 5, 'b')), NOW);
    expect(result.take).toBe('merged');
    expect(result.record).toEqual({ ...annotated, clippedAt: T, excerpt: 'ex', wordCount: 900, readingMinutes: 4 });
  });
});

describe('merge: clocks', () => {
  it('a version stamped a year ahead wins over edits made before it was seen', () => {
    const ahead = note({ note: 'from the fast clock', updatedAt: T + YEAR });
    const result = merge('note', edit(note({ note: 'earlier here' }), stamp(T, 'b')), edit(ahead, stamp(T + YEAR, 'fast')), NOW);
    expect(result.record!.note).toBe('from the fast clock');
    expect(result.record!.history!.map((h) => h.note)).toEqual(['earlier here']);
  });

  it('an edit made after seeing a version stamped a year ahead wins over it, on both sides', () => {
    const seen = nextHlc(undefined, T + YEAR, 'fast');
    // The other device's clock is right; its stamp still comes after the one it has seen.
    const after = nextHlc(seen, T + 10, 'b');
    const mine = note({ note: 'written after seeing it', updatedAt: T + 10 });
    const theirs = note({ note: 'from the fast clock', updatedAt: T + YEAR });
    const here = merge('note', edit(mine, after), edit(theirs, seen), NOW);
    expect(here.record!.note).toBe('written after seeing it');
    expect(here.record!.history!.map((h) => h.note)).toEqual(['from the fast clock']);
    const there = merge('note', edit(theirs, seen), edit(mine, after), NOW);
    expect(there.take).toBe('merged');
    expect(there.record!.note).toBe('written after seeing it');
  });

  it('the fast device, corrected, does not win for ever: each edit made after seeing the other wins', () => {
    let fast = nextHlc(undefined, T + YEAR, 'fast');
    let other = nextHlc(fast, T + 10, 'other');
    // Corrected at its first sync, the fast device stamps from the right time, above all it has seen.
    fast = nextHlc(other, T + 20, 'fast');
    expect(merge('note', edit(note({ note: 'fast, after seeing other' }), fast), edit(note({ note: 'other' }), other), NOW).record!.note).toBe('fast, after seeing other');
    other = nextHlc(fast, T + 30, 'other');
    expect(merge('note', edit(note({ note: 'fast' }), fast), edit(note({ note: 'other, after seeing fast' }), other), NOW).record!.note).toBe('other, after seeing fast');
    expect(wallOf(other)).toBe(T + YEAR);
  });
});
