import type { Table, Transaction } from 'dexie';
import { hlcFromTime } from '../../domain/hlc';
import { SYNCED_SETTINGS, type SyncMeta, type SyncRow } from '../../sync/types';
import { newDeviceId } from '../tracking';

/** Rows written per bulk add: a library of 50,000 notes is never held at once. */
const BATCH = 1_000;

interface Stamped {
  id: string;
  createdAt?: number;
  updatedAt?: number;
  clippedAt?: number;
}

/**
 * v9 adds the change log sync reads (`sync`, issue #15): the device's clock state (`~meta`: a
 * new random device id, no clock offset) and a dirty row for every note, article, body and
 * synced setting already stored, so the first sync sends the whole library. Each row's stamp is
 * the record's `updatedAt` (the best "when" it has: two browsers that edited the same note before
 * ever syncing keep the later edit); a body's is its article's clip time (it has none of its
 * own), a setting's 0 (no time is kept: any setting changed after this wins over it). The
 * records themselves are not rewritten.
 */
export async function upgradeV9(tx: Transaction): Promise<void> {
  const sync = tx.table<SyncRow | SyncMeta, string>('sync');
  const device = newDeviceId();
  let last = '';
  const writes: Array<Promise<unknown>> = [];
  let batch: SyncRow[] = [];
  const flush = () => {
    if (batch.length) writes.push(sync.bulkAdd(batch));
    batch = [];
  };
  const add = (key: string, ms: number | undefined) => {
    const hlc = hlcFromTime(ms ?? 0, device);
    if (hlc > last) last = hlc;
    batch.push({ key, hlc, dirty: hlc });
    if (batch.length >= BATCH) flush();
  };
  // each() walks a cursor: rows are made as records are met and written by the thousand.
  const clipTimes = new Map<string, number>();
  await tx.table<Stamped, string>('articles').each((a) => {
    add(`article:${a.id}`, a.updatedAt ?? a.createdAt);
    clipTimes.set(a.id, a.clippedAt ?? a.updatedAt ?? a.createdAt ?? 0);
  });
  await tx.table<Stamped, string>('notes').each((n) => add(`note:${n.id}`, n.updatedAt ?? n.createdAt));
  // Bodies by key only: their html and text (tens of kB each) are never read.
  for (const id of await (tx.table('bodies') as Table<unknown, string>).toCollection().primaryKeys()) add(`body:${id}`, clipTimes.get(id) ?? 0);
  const settings = await tx.table<{ key: string }, string>('settings').where('key').anyOf([...SYNCED_SETTINGS]).primaryKeys();
  for (const key of settings) add(`setting:${key}`, 0);
  flush();
  writes.push(sync.add({ key: '~meta', device, offset: 0, last }));
  await Promise.all(writes);
}
