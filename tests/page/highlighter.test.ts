// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Highlighter } from '../../utils/page/highlighter';

/** A range over `text` inside `root` (first occurrence, may cross elements). */
function rangeOf(root: Element, text: string): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const full = nodes.map((n) => n.data).join('');
  const start = full.indexOf(text);
  if (start < 0) throw new Error(`no ${text}`);
  const end = start + text.length;
  const range = document.createRange();
  let offset = 0;
  for (const n of nodes) {
    const next = offset + n.data.length;
    if (start >= offset && start < next) range.setStart(n, start - offset);
    if (end > offset && end <= next) range.setEnd(n, end - offset);
    offset = next;
  }
  return range;
}

describe('Highlighter fallback (no CSS Custom Highlight API, as in jsdom)', () => {
  const html = '<p id="p">Le marketing <strong>émotionnel</strong> touche juste.</p><ul><li>un</li><li>deux</li></ul>';
  beforeEach(() => {
    document.body.innerHTML = html;
  });
  afterEach(() => vi.useRealTimers());

  it('wraps exactly the passage, across elements, without changing the text', () => {
    const h = new Highlighter(document);
    expect(h.supported).toBe(false);
    h.draw('a', rangeOf(document.body, 'marketing émotionnel touche'), 'green', 'highlight');
    const marks = [...document.querySelectorAll(h.markTag)];
    expect(marks.map((m) => m.textContent).join('')).toBe('marketing émotionnel touche');
    expect(document.body.textContent).toBe('Le marketing émotionnel touche juste.undeux');
    expect(marks[0]!.getAttribute('style')).toContain('background-color');
  });

  it('removes cleanly: the page reads as before', () => {
    const h = new Highlighter(document);
    h.draw('a', rangeOf(document.body, 'marketing émotionnel'), 'yellow', 'quote');
    h.draw('b', rangeOf(document.body, 'touche'), 'pink', 'highlight');
    h.remove('a');
    h.destroy();
    expect(document.querySelectorAll(h.markTag)).toHaveLength(0);
    document.body.normalize();
    expect(document.body.innerHTML).toBe(html);
  });

  it('keeps other passages valid when a new one splits their text nodes', () => {
    const h = new Highlighter(document);
    h.draw('outer', rangeOf(document.body, 'Le marketing'), 'yellow', 'highlight');
    h.draw('inner', rangeOf(document.body, 'keting'), 'blue', 'highlight');
    expect(h.rangeOf('outer')?.toString()).toBe('Le marketing');
    h.remove('inner');
    expect(h.rangeOf('outer')?.toString()).toBe('Le marketing');
  });

  it('flashes a passage for a moment, and leaves no timer behind when destroyed', () => {
    vi.useFakeTimers();
    const h = new Highlighter(document);
    h.draw('a', rangeOf(document.body, 'touche'), 'yellow', 'highlight');
    const mark = () => document.querySelector<HTMLElement>(h.markTag)!;
    h.flash('a', 1000);
    expect(mark().style.outline).not.toBe('');
    vi.advanceTimersByTime(1000);
    expect(mark().style.outline).toBe('');
    h.flash('a', 1000);
    expect(vi.getTimerCount()).toBe(1);
    h.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never puts an element where the markup forbids one (between list items)', () => {
    const h = new Highlighter(document);
    const ul = document.querySelector('ul')!;
    ul.insertBefore(document.createTextNode(' '), ul.lastChild);
    h.draw('a', rangeOf(document.body, 'un deux'), 'yellow', 'highlight');
    expect([...ul.children].map((c) => c.tagName)).toEqual(['LI', 'LI']);
  });
});
