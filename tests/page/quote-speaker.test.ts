// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { NoteDraft, NotePatch } from '../../utils/domain/model';
import { dragOver, pagePerTest } from './fixture';

/**
 * A passage quoted on a page carries the speaker the text around it names, as a proposal
 * (issue #16); a highlight carries none, and a passage nobody is said to have said none either.
 */

const PAGE =
  '<article><h1>Relation client</h1><p class="byline">Julie Moreau</p>' +
  '<p>Comme le disait Albert Camus, « mal nommer les choses, c’est ajouter au malheur du monde ». Une leçon.</p>' +
  '<p>Le service client n’est pas un « centre de coûts » pour nous.</p></article>';

const page = pagePerTest(PAGE, { fakeTimers: true });

const drafts = () => (page.background.requests('saveNote') as Array<{ draft: NoteDraft }>).map((r) => r.draft);

describe('quoting on a page', () => {
  it('sends the speaker the text names, marked as a proposal', async () => {
    await dragOver('mal nommer les choses');
    await page.actions.save('quote', 'blue');
    expect(drafts()).toEqual([expect.objectContaining({ kind: 'quote', exact: 'mal nommer les choses', speaker: 'Albert Camus', speakerProposed: true })]);
  });

  it('proposes nobody for a highlight, nor for words in quotation marks nobody is said to have said', async () => {
    await dragOver('mal nommer les choses');
    await page.actions.save('highlight', 'yellow');
    await dragOver('centre de coûts');
    await page.actions.save('quote', 'blue');
    for (const draft of drafts()) {
      expect(draft).not.toHaveProperty('speaker');
      expect(draft).not.toHaveProperty('speakerProposed');
    }
  });

  it('proposes the speaker when a highlight is made a quote, and nothing when it stays a highlight', async () => {
    await dragOver('mal nommer les choses');
    const note = (await page.actions.save('highlight', 'yellow'))!;
    await page.actions.update(note.id, { color: 'green' });
    await page.actions.update(note.id, { kind: 'quote' });
    expect((page.background.requests('updateNote') as Array<{ patch: NotePatch }>).map((r) => r.patch)).toEqual([{ color: 'green' }, { kind: 'quote', proposedSpeaker: 'Albert Camus' }]);
  });
});
