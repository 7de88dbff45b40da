// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"navigation":{"disableChildFrameNavigation":true}}}
import { describe, expect, it, vi } from 'vitest';
import { clock, dragOver, pagePerTest, press, rangeOver, selectText, user } from './fixture';

/**
 * When the toolbar shows, with the page script's pieces over a fake document: the user's drag or
 * keyboard selection shows it; a page's own selection and forged events never do; Escape, a press
 * elsewhere and scrolling the passage away hide it.
 */

const PAGE = '<p id="p">Un passage que le lecteur choisit lui-même.</p><form><textarea>du texte à soi</textarea></form>';

const page = pagePerTest(PAGE, { fakeTimers: true });

const toolbarFor = () => (page.panel.state.mode === 'toolbar' ? page.panel.selection?.toString() : undefined);

describe('SelectionObserver', () => {
  it('shows the toolbar for a selection the user dragged, once the mouse is up', async () => {
    await dragOver('passage que le');
    expect(toolbarFor()).toBe('passage que le');
    expect(page.input.userSelection).toBe(true);
  });

  it('shows nothing for a page’s own selection, with or without forged mouse and key events', async () => {
    selectText('passage que le');
    await vi.advanceTimersByTimeAsync(300);
    document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    document.body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    press('ArrowRight', { byUser: false });
    await vi.advanceTimersByTimeAsync(300);
    expect(page.panel.state.mode).toBe('hidden');
    expect(page.panel.selection).toBeNull();
    expect(document.querySelector('body ~ *')).toBeNull(); // no node of Verbatim's either
  });

  it('shows the toolbar for a keyboard selection once the keys pause', async () => {
    press('ArrowRight');
    clock.now += 50;
    selectText('lecteur', { backward: true });
    await vi.advanceTimersByTimeAsync(200);
    expect(page.panel.state.mode).toBe('hidden');
    await vi.advanceTimersByTimeAsync(100);
    expect(toolbarFor()).toBe('lecteur');
  });

  it('ignores a keyboard selection made long after the user’s last key (a script’s)', async () => {
    press('ArrowRight');
    clock.now += 5000;
    selectText('lecteur');
    await vi.advanceTimersByTimeAsync(300);
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('shows no toolbar for a selection inside a form field', async () => {
    const area = document.querySelector('textarea')!;
    area.dispatchEvent(user(new MouseEvent('mousedown', { bubbles: true })));
    const text = area.firstChild!;
    document.getSelection()!.setBaseAndExtent(text, 0, text, 8);
    area.dispatchEvent(user(new MouseEvent('mouseup', { bubbles: true })));
    await vi.advanceTimersByTimeAsync(1);
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('hides the toolbar on Escape, but not on a page’s forged Escape', async () => {
    await dragOver('passage');
    press('Escape', { byUser: false });
    expect(page.panel.state.mode).toBe('toolbar');
    press('Escape');
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('hides the toolbar when the user presses elsewhere, not when the page forges a press', async () => {
    await dragOver('passage');
    document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    expect(page.panel.state.mode).toBe('toolbar');
    document.body.dispatchEvent(user(new MouseEvent('mousedown', { bubbles: true })));
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('follows the passage while the page scrolls, and goes once it is scrolled away', async () => {
    const box = { top: 100, bottom: 120 };
    vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(
      () => ({ left: 10, right: 200, width: 190, height: 20, x: 10, y: box.top, ...box }) as DOMRect,
    );
    await dragOver('passage');
    window.dispatchEvent(new Event('scroll'));
    expect(page.panel.state.mode).toBe('toolbar');
    Object.assign(box, { top: -300, bottom: -280 });
    window.dispatchEvent(new Event('scroll'));
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('opens the card of a drawn passage the user clicks, not of one a page clicks', async () => {
    await dragOver('passage');
    const saved = await page.actions.save('highlight', 'green');
    const drawn = page.notes.rangeOf(saved!.id)!;
    document.caretRangeFromPoint = () => {
      const caret = document.createRange();
      caret.setStart(drawn.startContainer, drawn.startOffset);
      return caret;
    };
    const click = (e: MouseEvent) => {
      document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      document.body.dispatchEvent(e);
    };
    click(new MouseEvent('mouseup', { bubbles: true, clientX: 20, clientY: 20 }));
    await vi.advanceTimersByTimeAsync(1);
    expect(page.panel.state.mode).toBe('hidden');
    click(user(new MouseEvent('mouseup', { bubbles: true, clientX: 20, clientY: 20 })));
    await vi.advanceTimersByTimeAsync(1);
    expect(page.panel.state).toMatchObject({ mode: 'card', note: { id: saved!.id } });
    delete (document as { caretRangeFromPoint?: unknown }).caretRangeFromPoint;
  });

  it('shows the toolbar at once for a selection the user made before it started (check)', () => {
    selectText('lecteur');
    page.input.userSelection = true;
    page.observer.check();
    expect(toolbarFor()).toBe('lecteur');
  });

  it('leaves no listener or timer once destroyed', async () => {
    press('ArrowRight');
    selectText('lecteur'); // the keyboard selection's pause starts
    page.destroy();
    await vi.advanceTimersByTimeAsync(300);
    await dragOver('passage');
    expect(page.panel.state.mode).toBe('hidden');
    expect(page.background.requests('colorNames')).toEqual([]);
  });
});
