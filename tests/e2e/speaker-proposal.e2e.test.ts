import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { UI, useSession, type ExtensionBrowser, type Row } from './fixtures';

/**
 * A passage quoted on a real page is stored with the speaker its text names, as a proposal
 * (issue #16): never the page's author, and nobody for words in quotation marks nobody said.
 * Pages of our own: tests/fixtures/speaker-fr.html and speaker-en.html.
 */

/** The stored note whose passage is `exact`, once there. */
const stored = (browser: ExtensionBrowser, exact: string): Promise<Row> =>
  waitFor(async () => (await browser.rows('notes')).find((n) => n.exact === exact), 10_000, `the note “${exact}”`);

const PAGES = [
  {
    lang: 'fr' as const,
    language: 'French',
    file: 'speaker-fr.html',
    does: 'stores the speaker the text names, and nobody for irony',
    author: 'Julie Moreau',
    /** Each passage quoted, and the speaker proposed for it (none: undefined). */
    cases: [
      ['mal nommer les choses, c’est ajouter au malheur du monde', 'Albert Camus'],
      ['nos clients veulent être écoutés avant d’être servis', 'Thomas Durand'],
      ['La vraie générosité envers l’avenir consiste à tout donner au présent.', 'Albert Camus'],
      ['bonnes pratiques', undefined],
    ] as Array<[string, string | undefined]>,
    /** The passage whose card is shown in the screenshot. */
    card: 'nos clients veulent être écoutés',
  },
  {
    lang: 'en' as const,
    language: 'English',
    file: 'speaker-en.html',
    does: 'stores the speaker the text names, resolves a pronoun, and never proposes the page’s author',
    author: 'Mark Evans',
    cases: [
      ['Your most unhappy customers are your greatest source of learning,', 'Bill Gates'],
      ['people will never forget how you made them feel.', 'Maya Angelou'],
      ['innovative', undefined],
    ] as Array<[string, string | undefined]>,
    card: 'people will never forget',
  },
];

describe.each(PAGES)('speakers proposed on an $language page', ({ lang, file, does, author, cases, card }) => {
  const browser = useSession({ lang });

  it(does, async () => {
    const page = await browser.open(file);
    for (const [exact, speaker] of cases) {
      await page.highlight(exact, UI.action('quote'));
      const note = await stored(browser, exact);
      expect(note.kind).toBe('quote');
      if (speaker) expect(note).toMatchObject({ speaker, speakerProposed: true });
      else expect(note.speaker).toBeUndefined();
      expect(note.speaker).not.toBe(author);
    }
    await page.openCard(card);
    await page.page.waitForTimeout(300);
    await page.screenshot(`speaker-proposed-${lang}.png`);
  });
});
