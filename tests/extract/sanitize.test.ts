import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../utils/extract/sanitize';
import { JSDOM } from '../support/dom';

const PAGE = 'https://blog.example/2024/03/post.html';
const win = new JSDOM('<!DOCTYPE html><p>page</p>', { url: PAGE }).window;
const clean = (html: string, base?: string) => sanitizeHtml(html, win, base);

describe('sanitizeHtml strips what could run or phone home', () => {
  it.each([
    ['a script', '<p>Hi</p><script>alert(1)</script>', /<script|alert/],
    ['an inline event handler', '<img src="a.png" onerror="alert(1)">', /onerror|alert/],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', /javascript:|alert/],
    ['a javascript: link in disguise', '<a href=" JaVaScRiPt&#58;alert(1)">x</a>', /javascript|alert/i],
    ['an SVG onload', '<svg onload="alert(1)"><circle r="5"/></svg>', /<svg|onload|alert/],
    ['an iframe', '<iframe src="https://evil.example/"></iframe>', /<iframe|evil/],
    ['an object', '<object data="x.swf"></object>', /<object|x\.swf/],
    ['an embed', '<embed src="x.swf">', /<embed|x\.swf/],
    ['a style element', '<style>body{display:none}</style><p>x</p>', /<style|display/],
    ['a style attribute', '<p style="background:url(https://t.example/px)">x</p>', /style|t\.example/],
    ['a form and its inputs', '<form action="/steal"><input name="pw"><button>Go</button><textarea>t</textarea></form>', /<form|<input|<button|<textarea|steal/],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|alert/],
    ['a javascript: quotation source', '<blockquote cite="javascript:alert(1)">q</blockquote>', /javascript|alert/],
    ['a non-image data: URL on an image', '<img src="data:text/html;base64,PHNjcmlwdD4=">', /data:/],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta|evil/],
    ['a base tag', '<base href="https://evil.example/"><a href="x">x</a>', /<base|evil/],
    ['MathML', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /<math|javascript/],
    ['a srcdoc frame inside a template', '<template><iframe srcdoc="<script>alert(1)</script>"></iframe></template>', /iframe|alert|template/],
  ])('removes %s', (_what, html, forbidden) => {
    expect(clean(html)).not.toMatch(forbidden);
  });

  it('keeps the text of a paragraph whose handler it removes', () => {
    expect(clean('<p onclick="alert(1)">Still here</p>')).toBe('<p>Still here</p>');
  });
});

describe('sanitizeHtml keeps the article', () => {
  it('keeps semantic markup', () => {
    const html =
      '<article><h2>Heading</h2><p>One <em>two</em> <strong>three</strong> <code>four()</code></p>' +
      '<ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote cite="https://q.example/">Quote</blockquote>' +
      '<figure><img src="https://img.example/a.png" alt="A chart" width="640" height="360"><figcaption>Caption</figcaption></figure>' +
      '<pre><code>let x = 1;\n  x++;</code></pre>' +
      '<table><thead><tr><th scope="col">H</th></tr></thead><tbody><tr><td colspan="2">D</td></tr></tbody></table></article>';
    expect(clean(html)).toBe(html);
  });

  it('gives every link rel="noopener noreferrer", whatever it had', () => {
    expect(clean('<a href="https://x.example/" rel="opener" target="_blank">x</a>')).toBe(
      '<a href="https://x.example/" rel="noopener noreferrer">x</a>',
    );
  });

  it('keeps mailto: and tel: links and data:image sources', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(clean(`<a href="mailto:a@b.example">m</a><a href="tel:+33123">t</a><img src="${png}" alt="">`)).toBe(
      `<a href="mailto:a@b.example" rel="noopener noreferrer">m</a><a href="tel:+33123" rel="noopener noreferrer">t</a><img src="${png}" alt="">`,
    );
  });

  it('drops data and ids, classes and ARIA that only meant something on the page', () => {
    expect(clean('<p id="x" class="lead" data-track="1" aria-hidden="true">x</p>')).toBe('<p>x</p>');
  });
});

describe('sanitizeHtml makes links work away from the page', () => {
  it.each([
    ['/about', 'https://blog.example/about'],
    ['../01/older.html', 'https://blog.example/2024/01/older.html'],
    ['next.html?p=2', 'https://blog.example/2024/03/next.html?p=2'],
    ['#footnote-1', 'https://blog.example/2024/03/post.html#footnote-1'],
    ['//cdn.example/x', 'https://cdn.example/x'],
  ])('resolves href %j against the page URL', (href, expected) => {
    expect(clean(`<a href="${href}">x</a>`)).toBe(`<a href="${expected}" rel="noopener noreferrer">x</a>`);
  });

  it('resolves image sources and quotation sources too', () => {
    expect(clean('<img src="img/chart.png" alt="">')).toBe('<img src="https://blog.example/2024/03/img/chart.png" alt="">');
    expect(clean('<blockquote cite="/speech">Q</blockquote>')).toBe('<blockquote cite="https://blog.example/speech">Q</blockquote>');
  });

  it('resolves against an explicit base URL when given one', () => {
    expect(clean('<a href="x">x</a>', 'https://other.example/dir/')).toBe('<a href="https://other.example/dir/x" rel="noopener noreferrer">x</a>');
  });
});

it('refuses to pass HTML through when DOMPurify cannot work in the given window (happy-dom)', () => {
  // DOMPurify leaves <script> and on* attributes in place under happy-dom; returning that would be unsafe.
  const happy = new HappyWindow({ url: PAGE }) as unknown as Window;
  expect(() => sanitizeHtml('<p onclick="alert(1)">x</p><script>alert(2)</script>', happy)).toThrow(/refus/i);
});
