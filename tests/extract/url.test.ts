import { describe, expect, it } from 'vitest';
import { isHttpUrl, normalizeUrl } from '../../utils/extract/url';

describe('normalizeUrl', () => {
  // Written out here, not imported: the test fails if the module drops one.
  it.each(
    (
      'utm_source utm_medium utm_campaign utm_term utm_content utm_id UTM_Source ' +
      'fbclid gclid dclid msclkid mc_cid mc_eid _ga _gl igshid yclid ref_src mkt_tok ' +
      'oly_anon_id oly_enc_id vero_id wickedid __s _hsenc _hsmi hsCtaTracking HSCTATRACKING'
    ).split(' '),
  )('drops the tracking parameter %s', (name) => {
    expect(normalizeUrl(`https://example.com/post?id=7&${name}=abc`)).toBe('https://example.com/post?id=7');
  });

  it('keeps the other parameters, in their order and encoding', () => {
    expect(normalizeUrl('https://example.com/s?b=2&utm_source=x&a=1&q=caf%C3%A9%20au+lait&flag&gclid=9')).toBe(
      'https://example.com/s?b=2&a=1&q=caf%C3%A9%20au+lait&flag',
    );
  });

  it('keeps parameters that only look like tracking ones', () => {
    expect(normalizeUrl('https://example.com/?utmost=1&source=2&ga=3&ref=4')).toBe('https://example.com/?utmost=1&source=2&ga=3&ref=4');
  });

  it.each([
    ['https://example.com/a?utm_source=x', 'https://example.com/a'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/a?&&', 'https://example.com/a'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/a?utm_medium=email#top', 'https://example.com/a'],
    ['https://example.com/a?x=1#', 'https://example.com/a?x=1'],
  ])('leaves no dangling ? or # (%s)', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each([
    ['https://mail.example/#/inbox/42', 'https://mail.example/#/inbox/42'],
    ['https://app.example/?utm_source=x#!/post/3', 'https://app.example/#!/post/3'],
    ['https://example.com/a#/', 'https://example.com/a#/'],
    ['https://example.com/a#!', 'https://example.com/a'],
  ])('keeps hash routes of single-page apps, each a page of its own (%s)', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each([
    ['HTTPS://Example.COM/Path/To', 'https://example.com/Path/To'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['http://127.0.0.1:8765/pages/a.html?utm_source=newsletter&utm_medium=email', 'http://127.0.0.1:8765/pages/a.html'],
  ])('lowercases scheme and host and drops default ports (%s)', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('keeps the path as the server sees it, trailing slash included', () => {
    expect(normalizeUrl('https://example.com/blog/')).toBe('https://example.com/blog/');
    expect(normalizeUrl('https://example.com/blog')).toBe('https://example.com/blog');
    expect(normalizeUrl('https://example.com/Blog/Post')).toBe('https://example.com/Blog/Post');
  });

  it('is idempotent', () => {
    const once = normalizeUrl('HTTP://Example.com:80/a/?z=1&fbclid=2&a=b#c');
    expect(normalizeUrl(once)).toBe(once);
  });

  it.each(['', 'not a url', '/relative/path', 'example.com/no-scheme', 'http://'])('throws a clear error for %j', (input) => {
    expect(() => normalizeUrl(input)).toThrow(/not a valid absolute URL/i);
  });
});

describe('isHttpUrl', () => {
  it.each([
    ['https://example.com/', true],
    ['http://127.0.0.1:8765/pages/a.html', true],
    ['HTTPS://EXAMPLE.COM', true],
    ['ftp://example.com/file', false],
    ['file:///home/me/a.html', false],
    ['chrome-extension://abc/popup.html', false],
    ['about:blank', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isHttpUrl(url)).toBe(expected);
  });
});
