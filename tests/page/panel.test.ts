// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"navigation":{"disableChildFrameNavigation":true}}}
import { describe, expect, it, vi } from 'vitest';
import { noteOver, pagePerTest, rangeOver } from './fixture';

/** The in-page panel: no node of Verbatim's until something shows, and messages that go by themselves. */

const page = pagePerTest('<p id="p">Un passage que le lecteur choisit lui-même.</p>', { fakeTimers: true });

/** Elements the page did not make (Verbatim's UI host is added under `<html>`). */
const foreign = () => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);

describe('Panel', () => {
  it('adds its host only while something shows', () => {
    page.panel.hide();
    page.panel.select(rangeOver('passage'));
    expect(foreign()).toEqual([]);
    page.panel.showToolbar(rangeOver('passage'), false);
    expect(foreign()).toHaveLength(1);
    page.panel.hide();
    expect(foreign()).toEqual([]);
  });

  it.each([
    ['in the corner', undefined, false, 3000],
    ['by a passage', 'lecteur', false, 3000],
    ['with an undo', 'lecteur', true, 8000],
  ])('lets a message %s go by itself', async (_, near, undo, ms) => {
    page.panel.flash('Done.', { undo, near: near ? rangeOver(near) : undefined });
    await vi.advanceTimersByTimeAsync(ms - 100);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: 'Done.' });
    await vi.advanceTimersByTimeAsync(200);
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('keeps what replaced a message when the message’s time is up', async () => {
    page.panel.flash('Done.', { near: rangeOver('lecteur') });
    const note = noteOver('lecteur');
    page.panel.openCard(note);
    await vi.advanceTimersByTimeAsync(5000);
    expect(page.panel.state).toMatchObject({ mode: 'card', note: { id: note.id } });
    page.panel.flash('First.');
    await vi.advanceTimersByTimeAsync(2000);
    page.panel.flash('Second.');
    await vi.advanceTimersByTimeAsync(2000);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: 'Second.' });
    page.panel.showToolbar(rangeOver('passage'), false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(page.panel.state.mode).toBe('toolbar');
  });

  it('removes its host when destroyed, with nothing left to run', async () => {
    page.panel.flash('Done.', { near: rangeOver('lecteur') });
    page.panel.destroy();
    expect(foreign()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(foreign()).toEqual([]);
  });
});
