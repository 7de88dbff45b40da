import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../../support/wait';
import type { SidePanel } from './side-panel';

/** The words of the Projects view the tests use, per language. */
export const BOARD_WORDS = {
  en: { tab: 'Projects', add: 'Add to project', create: 'Create project', newName: 'New project name', back: 'All projects', addHeading: 'Add heading', addText: 'Add text', heading: 'Heading', text: 'Your text' },
  fr: { tab: 'Projets', add: 'Ajouter à un projet', create: 'Créer le projet', newName: 'Nom du nouveau projet', back: 'Tous les projets', addHeading: 'Ajouter un intertitre', addText: 'Ajouter du texte', heading: 'Intertitre', text: 'Votre texte' },
} as const;
export type BoardLang = keyof typeof BOARD_WORDS;

/**
 * The side panel's Projects view and a project's board (issue #17), driven as a user does: real
 * clicks and keys, and drags with the mouse (trusted DevTools input), never synthetic events.
 */
export class ProjectBoard {
  readonly page: Page;
  readonly words: (typeof BOARD_WORDS)[BoardLang];

  constructor(
    readonly panel: SidePanel,
    lang: BoardLang = 'en',
  ) {
    this.page = panel.page;
    this.words = BOARD_WORDS[lang];
  }

  /** Shows the Projects tab. */
  async show(): Promise<void> {
    await this.page.getByRole('tab', { name: this.words.tab }).click();
    await this.page.locator('.projects-view').waitFor();
  }

  /** Makes an empty project from the Projects view (its board opens). */
  async create(name: string): Promise<void> {
    await this.page.locator('.project-create').getByRole('textbox', { name: this.words.newName }).fill(name);
    await this.page.getByRole('button', { name: this.words.create }).click();
    await this.page.locator('.project-board h2', { hasText: name }).waitFor();
  }

  /** Opens a project's board from the list. */
  async open(name: string): Promise<void> {
    const back = this.page.getByRole('button', { name: this.words.back });
    if (await back.count()) await back.click();
    await this.page.locator('.project-open', { hasText: name }).click();
    await this.page.locator('.project-board h2', { hasText: name }).waitFor();
  }

  /** A listed note's "Add to project" (Notes view), then the project's chip (or a new project's name). */
  async addFromNotes(noteText: string, project: string, create = false): Promise<void> {
    const note = this.panel.note(noteText);
    await note.locator('button[data-action="add-to-project"]').click();
    await addInPicker(note.locator('.add-to-project'), project, create);
  }

  /** The board's items. */
  get items(): Locator {
    return this.page.locator('.board > .board-item');
  }

  /** An item by its words (a note's quote, a heading, a text). */
  item(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  /** The board in order: each item's main words (a quote, a heading, a text). */
  order(): Promise<string[]> {
    return this.items.evaluateAll((els) =>
      els.map((el) => (el.querySelector('.note-text, .board-heading, .board-text, .board-missing')?.textContent ?? '').trim()),
    );
  }

  /** Waits until the board's order starts with these words, item by item. */
  async waitOrder(want: readonly string[], what = `the board in the order ${want.join(' | ')}`): Promise<void> {
    await waitFor(async () => {
      const got = await this.order();
      return got.length === want.length && got.every((g, i) => g.startsWith(want[i]!));
    }, 10_000, what);
  }

  /**
   * Drags an item by its handle with the mouse and drops it on the upper or lower half of
   * another item: the drop marker must show before the button is released.
   */
  async drag(from: string, onto: string, half: 'upper' | 'lower'): Promise<void> {
    const handle = await this.item(from).locator('.drag-handle').boundingBox();
    const target = await this.item(onto).boundingBox();
    if (!handle || !target) throw new Error('item not on screen');
    const y = target.y + target.height * (half === 'upper' ? 0.25 : 0.75);
    await this.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(handle.x + handle.width / 2, y, { steps: 12 });
    await this.page.locator('.drop-marker').waitFor();
    await this.page.mouse.up();
  }

  /** Focuses an item (a click on its own padding would also do) and presses a key, e.g. `Alt+ArrowUp`. */
  async press(text: string, key: string): Promise<void> {
    const item = this.item(text);
    await item.focus();
    await item.press(key);
  }

  /** Picks an item up from its handle with the keyboard, moves it `steps` places (negative: up) and drops it with Enter. */
  async moveWithHandle(text: string, steps: number): Promise<void> {
    const handle = this.item(text).locator('.drag-handle');
    await handle.focus();
    await this.page.keyboard.press('Enter');
    for (let i = 0; i < Math.abs(steps); i++) await this.page.keyboard.press(steps < 0 ? 'ArrowUp' : 'ArrowDown');
    await this.page.keyboard.press('Enter');
  }

  /** What the board's live region last said. */
  announcement(): Promise<string> {
    return this.page.getByTestId('board-live').innerText();
  }

  /** Adds a heading or a text at the end of the board (typed, then saved with Enter / Ctrl+Enter). */
  async add(kind: 'heading' | 'text', words: string): Promise<void> {
    await this.page.getByRole('button', { name: kind === 'heading' ? this.words.addHeading : this.words.addText }).click();
    const field = this.page.getByRole('textbox', { name: kind === 'heading' ? this.words.heading : this.words.text });
    await field.fill(words);
    await field.press(kind === 'heading' ? 'Enter' : 'Control+Enter');
    await this.item(words).waitFor();
  }
}

/** In an "Add to project" picker: clicks the project's chip, or names a new one; waits for the picker to say it was added. */
export async function addInPicker(picker: Locator, project: string, create = false): Promise<void> {
  if (create) {
    await picker.locator('.project-new input').fill(project);
    await picker.locator('.project-new button[type="submit"]').click();
  } else await picker.locator('.project-choice', { hasText: project }).click();
  await picker.locator('[role="status"]', { hasText: project }).waitFor();
}
