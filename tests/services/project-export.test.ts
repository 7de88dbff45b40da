import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { VerbatimDb } from '../../utils/db/schema';
import { projectSources } from '../../utils/db/project-sources';
import { setSetting } from '../../utils/db/repo';
import { plainOf } from '../../utils/export/project-draft';
import { projectDraftOf, ProjectGoneError } from '../../utils/services/project-export';
import { dbPerTest } from '../support/db';
import { msgFr, speakEnglish, speakFrench } from '../support/i18n';
import { CAMUS_ARTICLE, sampleNotes, sampleProjectRecord, TRUST_ARTICLE } from '../support/project';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
beforeEach(async () => {
  fakeBrowser.reset();
  speakEnglish();
  await db.articles.bulkPut([CAMUS_ARTICLE, TRUST_ARTICLE]);
  await db.notes.bulkPut(sampleNotes());
  await db.projects.put(sampleProjectRecord());
});
afterEach(() => vi.restoreAllMocks());

describe('projectSources: one read of what a project’s export cites', () => {
  it('reads the project, the notes it names that still exist, and their articles by the notes’ addresses', async () => {
    const sources = (await projectSources(db, 'proj-1'))!;
    expect(sources.project.name).toBe('Conférence relation client');
    expect([...sources.notes.keys()].sort()).toEqual(['h-doe', 'p-fr', 'q-camus', 'q-doe', 'q-hostile']);
    expect([...sources.articles.keys()].sort()).toEqual([TRUST_ARTICLE.url, CAMUS_ARTICLE.url].sort());
  });

  it('finds the article of a note made at another of its addresses (an alias)', async () => {
    const amp = 'https://www.exemple.fr/amp/idees/la-revolte';
    await db.articles.put({ ...CAMUS_ARTICLE, aliases: [amp] });
    await db.notes.put({ ...sampleNotes()[0]!, url: amp });
    const sources = (await projectSources(db, 'proj-1'))!;
    expect(sources.articles.get(amp)?.id).toBe(CAMUS_ARTICLE.id);
  });

  it('is undefined for a project that is not there', async () => {
    expect(await projectSources(db, 'nope')).toBeUndefined();
  });
});

describe('projectDraftOf', () => {
  it('cites in the style asked for, else the user’s default; headings in the UI language', async () => {
    await setSetting(db, 'citationStyle', 'chicago-notes');
    const byDefault = await projectDraftOf(db, 'proj-1');
    expect(plainOf(byDefault.footnotes[0]!)).toMatch(/^Albert Camus, quoted in Jeanne Martin, “La révolte/u);
    const apa = await projectDraftOf(db, 'proj-1', 'apa');
    expect(plainOf(apa.footnotes[0]!)).toMatch(/^Albert Camus, as cited in Martin, J\. \(2024/u);
    expect(apa.labels.bibliography).toBe('Bibliography');
  });

  it('in French: the labels and the check’s words from the French messages', async () => {
    speakFrench();
    await db.notes.update('q-camus', { check: { at: Date.UTC(2026, 11, 4, 12), outcome: 'reworded', found: 'Je me révolte.' } });
    const draft = await projectDraftOf(db, 'proj-1', 'apa');
    expect(draft.labels.bibliography).toBe('Bibliographie');
    expect(draft.marks[0]).toBe('«\u202F');
    expect(plainOf(draft.footnotes[0]!)).toContain(msgFr('projectExportCheckedReworded', '4 décembre 2026'));
  });

  it('a project deleted meanwhile is a ProjectGoneError', async () => {
    await db.projects.delete('proj-1');
    await expect(projectDraftOf(db, 'proj-1')).rejects.toBeInstanceOf(ProjectGoneError);
  });
});
