import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  contentReplies,
  contentRequests,
  editorRequests,
  envelope,
  loaderRequests,
  pageRequests,
  parseRequest,
} from '../../utils/messaging/protocol';

describe('the protocols', () => {
  it('name each call once: the background’s router tells the caller by the call’s name', () => {
    const names = [loaderRequests, pageRequests, editorRequests, contentRequests].flatMap((schemas) => Object.keys(schemas));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(contentReplies).sort()).toEqual(Object.keys(contentRequests).sort());
  });

  it('ignore messages that are not Verbatim’s, and refuse Verbatim’s unknown calls', () => {
    expect(parseRequest(pageRequests, { type: 'pageNotes', payload: {} })).toBeNull();
    expect(parseRequest(pageRequests, 'hello')).toBeNull();
    expect(parseRequest(pageRequests, envelope('toString', {}))).toMatchObject({ ok: false, error: /unknown message type/ });
  });
});

describe('content protocol', () => {
  it('accepts its calls with empty payloads only', () => {
    expect(parseRequest(contentRequests, envelope('extractArticle', {}))).toMatchObject({ ok: true, type: 'extractArticle' });
    expect(parseRequest(contentRequests, envelope('extractArticle', { selector: 'body' }))).toMatchObject({ ok: false });
    expect(parseRequest(contentRequests, envelope('saveNote', {}))).toMatchObject({ ok: false });
  });
});

describe('the note editor’s signal to its card', () => {
  it.each([
    [{ type: 'size', height: 131.4 }, { type: 'size', height: 131 }],
    [{ type: 'size', height: 1e9 }, { type: 'size', height: 480 }],
    [{ type: 'size', height: -5 }, { type: 'size', height: 0 }],
    [{ type: 'close' }, { type: 'close' }],
    [{ type: 'size', height: '12px' }, null],
    [{ type: 'size', height: Infinity }, null],
    [{ type: 'eval', code: 'x' }, null],
    ['close', null],
    [null, null],
  ])('reads the signal %j as %j', (message, expected) => {
    const parsed = parseRequest(editorRequests, envelope('editorSignal', { id: 'a1', message }));
    expect(parsed?.ok ? (parsed.payload as { message: unknown }).message : null).toEqual(expected);
  });
});

describe('the popup’s question about the addresses a page declares', () => {
  it('trusts the page’s answer only as far as its shape: three http(s) URLs at most', () => {
    const reply = (value: unknown) => v.safeParse(contentReplies.declaredAddresses, value).success;
    expect(reply({ url: 'https://a.example/', addresses: ['https://b.example/amp'] })).toBe(true);
    expect(reply({ url: 'https://a.example/', addresses: ['javascript:alert(1)'] })).toBe(false);
    expect(reply({ url: 'https://a.example/', addresses: ['https://b.example/1', 'https://b.example/2', 'https://b.example/3', 'https://b.example/4'] })).toBe(false);
    expect(parseRequest(contentRequests, envelope('declaredAddresses', { url: 'https://b.example/' }))).toMatchObject({ ok: false });
  });
});
