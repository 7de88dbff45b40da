// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SpeakerField } from '../../components/SpeakerField';
import type { Note } from '../../utils/domain/model';
import { renderPerTest } from '../support/preact';

let host: HTMLElement;
renderPerTest((t) => ({ host } = t));
const show = (note: Pick<Note, 'speaker' | 'speakerProposed'>, onSet?: (s: string) => void, suggestions?: string[]) =>
  act(() => render(<SpeakerField note={note} onSet={onSet} suggestions={suggestions} />, host));
const button = (action: string) => host.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
const click = (action: string) => act(() => button(action)!.click());
const input = () => host.querySelector<HTMLInputElement>('.speaker-input')!;
async function type(text: string, key?: string) {
  await act(() => {
    input().value = text;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
  if (key) await act(() => void input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
}

describe('a quote’s speaker', () => {
  it('a proposal is marked so and offers Accept (the same name), Change and Clear', async () => {
    const onSet = vi.fn();
    await show({ speaker: 'Oscar Wilde', speakerProposed: true }, onSet);
    expect(host.querySelector('.speaker-name')!.textContent).toBe('Oscar Wilde');
    expect(host.querySelector('.badge-proposed')!.textContent).toBe('proposed');
    expect(button('speaker-accept')!.getAttribute('aria-label')).toBe('Accept Oscar Wilde as the speaker');
    await click('speaker-accept');
    expect(onSet).toHaveBeenLastCalledWith('Oscar Wilde');
    await click('speaker-clear');
    expect(onSet).toHaveBeenLastCalledWith('');
  });

  it('an accepted speaker has no Accept; Change opens the field on the name, Enter saves it trimmed', async () => {
    const onSet = vi.fn();
    await show({ speaker: 'Oscar Wilde' }, onSet, ['Albert Camus', 'Oscar Wilde']);
    expect(button('speaker-accept')).toBeNull();
    expect(host.querySelector('.badge-proposed')).toBeNull();
    await click('speaker-edit');
    expect(input().value).toBe('Oscar Wilde');
    expect([...host.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['Albert Camus', 'Oscar Wilde']);
    await type('  Albert Camus ', 'Enter');
    expect(onSet).toHaveBeenCalledTimes(1);
    expect(onSet).toHaveBeenLastCalledWith('Albert Camus');
  });

  it('Escape drops what was typed; leaving the field unchanged saves nothing', async () => {
    const onSet = vi.fn();
    await show({}, onSet);
    expect(button('speaker-edit')!.textContent).toBe('Add speaker');
    await click('speaker-edit');
    await type('Quelqu’un', 'Escape');
    expect(host.querySelector('.speaker-input')).toBeNull();
    await click('speaker-edit');
    await act(() => input().blur());
    expect(onSet).not.toHaveBeenCalled();
  });

  it('read-only, shows a speaker as text (never markup), and nothing when there is none', async () => {
    await show({ speaker: '<img src=x onerror=alert(1)>' });
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.speaker-name')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(host.querySelector('button')).toBeNull();
    await show({});
    expect(host.innerHTML).toBe('');
  });
});
