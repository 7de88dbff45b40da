// The user's local days, in Paris (UTC+1 in winter, UTC+2 in summer): this file pins the time
// zone before any date is made, so it runs the same on any machine.
process.env.TZ = 'Europe/Paris';

import { describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { endOfLocalDay, localDayBefore, localDayOf, startOfLocalDay } from '../../utils/domain/local-day';
import { queryNotes } from '../../utils/search/filters';
import { NoteRecords } from '../../utils/search/records';

const hour = 3_600_000;
const note = (id: string, iso: string, url = 'https://www.lemonde.fr/a'): Note => ({
  id,
  url,
  kind: 'highlight',
  color: 'yellow',
  exact: id,
  selectors: [{ type: 'TextQuoteSelector', exact: id }],
  note: '',
  tags: [],
  createdAt: Date.parse(iso),
  updatedAt: Date.parse(iso),
});

describe('local days (Europe/Paris)', () => {
  it('runs in Paris', () => {
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(-60);
    expect(new Date(Date.UTC(2026, 6, 15)).getTimezoneOffset()).toBe(-120);
  });

  it('starts a day at local midnight, not UTC midnight', () => {
    expect(startOfLocalDay('2026-01-15')).toBe(Date.parse('2026-01-14T23:00:00Z'));
    expect(endOfLocalDay('2026-01-15')).toBe(Date.parse('2026-01-15T23:00:00Z'));
    expect(startOfLocalDay('2026-07-15')).toBe(Date.parse('2026-07-14T22:00:00Z'));
  });

  it('gives a 23-hour day when clocks go forward and a 25-hour day when they go back', () => {
    expect(endOfLocalDay('2026-03-29')! - startOfLocalDay('2026-03-29')!).toBe(23 * hour);
    expect(endOfLocalDay('2026-10-25')! - startOfLocalDay('2026-10-25')!).toBe(25 * hour);
    // The day after a change starts at its own midnight, in the new offset.
    expect(startOfLocalDay('2026-03-30')).toBe(Date.parse('2026-03-29T22:00:00Z'));
    expect(startOfLocalDay('2026-10-26')).toBe(Date.parse('2026-10-25T23:00:00Z'));
  });

  it('names the local day a time falls on, and the last day of an exclusive end', () => {
    expect(localDayOf(Date.parse('2026-01-14T23:30:00Z'))).toBe('2026-01-15'); // 00:30 in Paris
    expect(localDayOf(Date.parse('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(localDayBefore(endOfLocalDay('2026-10-25')!)).toBe('2026-10-25');
    expect(localDayBefore(endOfLocalDay('2026-03-29')!)).toBe('2026-03-29');
    for (const day of ['2026-01-01', '2026-03-29', '2026-10-25', '2024-02-29']) expect(localDayOf(startOfLocalDay(day)!)).toBe(day);
  });

  it('refuses what is not a day', () => {
    for (const bad of ['', '2026-02-30', '2026-13-01', '15/01/2026', '2026-1-5']) {
      expect(startOfLocalDay(bad)).toBeUndefined();
      expect(endOfLocalDay(bad)).toBeUndefined();
    }
  });
});

describe('date filters on local days', () => {
  const notes = [
    note('before', '2026-03-28T22:59:00Z'), // 23:59 on 28 March in Paris
    note('just-after-midnight', '2026-03-28T23:30:00Z'), // 00:30 on 29 March (UTC: still the 28th)
    note('after-the-change', '2026-03-29T01:30:00Z'), // 03:30 on 29 March, summer time
    note('late', '2026-03-29T21:59:00Z'), // 23:59 on 29 March
    note('next-day', '2026-03-29T22:10:00Z'), // 00:10 on 30 March (UTC: still the 29th)
    note('autumn', '2026-10-25T23:30:00Z', 'https://medium.com/b'), // 00:30 on 26 October, after the 25-hour day
    note('autumn-late', '2026-10-25T22:30:00Z', 'https://medium.com/b'), // 23:30 on 25 October
  ];
  const records = new NoteRecords();
  records.bulkLoad(notes);
  const ids = (from?: string, to?: string, sites?: string[]) =>
    queryNotes(records, { from: from ? startOfLocalDay(from) : undefined, to: to ? endOfLocalDay(to) : undefined, sites }, 'oldest').notes.map((n) => n.id);

  it('keeps the notes made that day in Paris, on the day clocks go forward', () => {
    expect(ids('2026-03-29', '2026-03-29')).toEqual(['just-after-midnight', 'after-the-change', 'late']);
  });

  it('counts from and to as whole local days', () => {
    expect(ids('2026-03-30')).toEqual(['next-day', 'autumn-late', 'autumn']);
    expect(ids(undefined, '2026-03-28')).toEqual(['before']);
  });

  it('keeps the whole 25-hour day clocks go back, and combines with a site', () => {
    expect(ids('2026-10-25', '2026-10-25', ['medium.com'])).toEqual(['autumn-late']);
    expect(ids('2026-10-26', '2026-10-26', ['medium.com'])).toEqual(['autumn']);
    expect(ids('2026-10-25', '2026-10-25', ['lemonde.fr'])).toEqual([]);
  });
});
