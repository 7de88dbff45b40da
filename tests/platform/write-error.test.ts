import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { errorMessage } from '../../utils/messaging/rpc';
import { describeWriteError, errorText, isStorageFull } from '../../utils/platform/write-error';
import { speakEnglish } from '../support/i18n';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isStorageFull', () => {
  it.each([
    ['the browser’s DOMException', quota()],
    ['Firefox’s old name', Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' })],
    ['Dexie’s QuotaExceededError', new Dexie.QuotaExceededError('full', quota())],
    ['the AbortError of a transaction the quota aborted', new Dexie.AbortError(quota())],
    ['a BulkError with a quota failure', new Dexie.BulkError('notes.bulkPut(): 1 of 2 operations failed', { 1: quota() })],
    ['a cause', new Error('save failed', { cause: quota() })],
    ['its text, after crossing a message boundary', errorMessage(new Dexie.AbortError(quota()))],
    ['its text, from a plain DOMException', errorMessage(quota())],
  ])('%s', (_, error) => {
    expect(isStorageFull(error)).toBe(true);
  });

  it.each([
    ['another DOMException', new DOMException('nope', 'ConstraintError')],
    ['a Dexie error for something else', new Dexie.AbortError(new DOMException('x', 'ConstraintError'))],
    ['a plain error', new Error('no such note on this page')],
    ['text', 'unreachable'],
    ['nothing', undefined],
    ['a number', 22],
  ])('not %s', (_, error) => {
    expect(isStorageFull(error)).toBe(false);
  });

  it('does not loop on an error that contains itself', () => {
    const e = new Error('x') as Error & { inner?: unknown };
    e.inner = e;
    expect(isStorageFull(e)).toBe(false);
  });
});

describe('errorText', () => {
  it('keeps a quota error’s name in its text, so the other side of a message can tell', () => {
    expect(errorText(quota())).toBe('QuotaExceededError: The quota has been exceeded.');
    expect(errorText(new Error('plain'))).toBe('plain');
    expect(errorText('text')).toBe('text');
    // Dexie already names it: not twice.
    expect(errorText(new Dexie.AbortError(quota()))).toBe('QuotaExceededError The quota has been exceeded.');
  });
});

describe('describeWriteError', () => {
  it('storage full: says nothing was saved and what to do', () => {
    const text = 'Storage is full: this note was not saved. Free some space or export and delete old notes.';
    expect(describeWriteError(quota())).toBe(text);
    expect(describeWriteError(errorMessage(new Dexie.AbortError(quota())), 'saveFailed')).toBe(text);
  });

  it('storage full on a change to something else than a new note: its own message', () => {
    expect(describeWriteError(quota(), 'settingNotSaved', 'storageFullChangeNotSaved')).toBe(
      'Storage is full: this change was not saved. Free some space or export and delete old notes.',
    );
    expect(describeWriteError(new Error('locked'), 'settingNotSaved', 'storageFullChangeNotSaved')).toBe('This setting was not saved: locked');
  });

  it('anything else: the given message with the error’s text', () => {
    expect(describeWriteError(new Error('disk on fire'))).toBe('Something went wrong: disk on fire');
    expect(describeWriteError('no reply from the extension', 'saveFailed')).toBe('Verbatim could not save this passage: no reply from the extension');
  });
});
