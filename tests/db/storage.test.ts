import { describe, expect, it, vi } from 'vitest';
import { askPersistence, backupDue, formatBytes, readStorage, REMINDER_PERIOD } from '../../utils/db/storage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 5);

describe('formatBytes', () => {
  it.each([
    [0, 'en', '0 kB'],
    [640, 'en', '0.6 kB'],
    [1_500, 'en', '1.5 kB'],
    [12_345_678, 'en', '12.3 MB'],
    [312_000_000_000, 'en', '312 GB'],
    [1_500_000, 'fr', '1,5 Mo'],
    [2_000_000_000, 'fr', '2 Go'],
  ])('%d in %s', (bytes, lang, text) => {
    expect(formatBytes(bytes, lang).replace(/\s/g, ' ')).toBe(text);
  });
});

describe('backupDue', () => {
  const base = { reminder: 'weekly' as const, oldestNoteAt: NOW - 100 * DAY, now: NOW };
  it.each([
    ['off', { ...base, reminder: 'off' as const }, false],
    ['no notes yet', { ...base, oldestNoteAt: undefined }, false],
    ['never backed up, notes older than the period', base, true],
    ['never backed up, first note made this week', { ...base, oldestNoteAt: NOW - 2 * DAY }, false],
    ['backed up yesterday', { ...base, lastBackupAt: NOW - DAY }, false],
    ['backed up 8 days ago, weekly', { ...base, lastBackupAt: NOW - 8 * DAY }, true],
    ['backed up 8 days ago, monthly', { ...base, reminder: 'monthly' as const, lastBackupAt: NOW - 8 * DAY }, false],
    ['backed up 31 days ago, monthly', { ...base, reminder: 'monthly' as const, lastBackupAt: NOW - 31 * DAY }, true],
    ['due but dismissed yesterday', { ...base, lastBackupAt: NOW - 8 * DAY, dismissedAt: NOW - DAY }, false],
    ['due and dismissed a period ago', { ...base, lastBackupAt: NOW - 20 * DAY, dismissedAt: NOW - REMINDER_PERIOD.weekly }, true],
  ])('%s', (_, state, due) => {
    expect(backupDue(state)).toBe(due);
  });
});

describe('readStorage and askPersistence', () => {
  it('reads usage, quota and persistence, leaving out what the browser will not tell', async () => {
    expect(await readStorage({ estimate: async () => ({ usage: 10, quota: 100 }), persisted: async () => true })).toEqual({ usage: 10, quota: 100, persisted: true });
    expect(await readStorage({ estimate: () => Promise.reject(new Error('no')) })).toEqual({});
    expect(await readStorage(undefined)).toEqual({});
  });

  it('asks only when not persisted yet, and says false where persist() does not exist (a service worker)', async () => {
    const persist = vi.fn(async () => true);
    expect(await askPersistence({ persisted: async () => true, persist })).toBe(true);
    expect(persist).not.toHaveBeenCalled();
    expect(await askPersistence({ persisted: async () => false, persist })).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    expect(await askPersistence({ persisted: async () => false, persist: () => Promise.reject(new Error('denied')) })).toBe(false);
    expect(await askPersistence({ persisted: async () => false })).toBe(false);
  });
});
