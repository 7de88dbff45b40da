import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { FormatError } from '../../utils/export/format-error';
import {
  ANNO_CONTEXT,
  annotationDocument,
  toAnnotation,
  toAnnotationCollection,
  toAnnotationPages,
  type AnnotationCollection,
  type AnnotationPage,
} from '../../utils/export/w3c';
import { parseAnnotationCollection } from '../../utils/export/w3c-read';
import { generateLibrary, sampleLibrary } from '../support/library';

const NOW = Date.UTC(2026, 10, 5, 12);
const MOTIVATIONS = ['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'];
/** RFC 3339 date-time, what JSON Schema's `date-time` format means. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isIri = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && !!new URL(value);
  } catch {
    return false;
  }
};

/** The model's MUSTs for an Annotation (https://www.w3.org/TR/annotation-model/#annotations), checked by hand. */
function expectConformingAnnotation(a: unknown) {
  const x = a as Record<string, unknown>;
  expect(x['@context']).toBe(ANNO_CONTEXT);
  expect(isIri(x.id), `id ${String(x.id)}`).toBe(true);
  expect(x.type).toBe('Annotation');
  expect(x).toHaveProperty('target');
  expect('body' in x && 'bodyValue' in x).toBe(false);
  expect(MOTIVATIONS).toContain(x.motivation);
  for (const key of ['created', 'modified', 'generated']) expect(x[key]).toMatch(DATE_TIME);
  expect(x.generator).toMatchObject({ type: 'Software', name: 'Verbatim' });
  for (const body of (x.body as Array<Record<string, unknown>> | undefined) ?? []) {
    expect(body).toMatchObject({ type: 'TextualBody', format: 'text/plain' });
    expect(typeof body.value).toBe('string');
    expect(MOTIVATIONS).toContain(body.purpose);
  }
  const target = x.target as { source: string; selector: Array<Record<string, unknown>> };
  expect(target.source).toMatch(/^https?:\/\//);
  expect(target.selector.length).toBeGreaterThan(0);
  for (const s of target.selector) {
    if (s.type === 'TextQuoteSelector') {
      expect(typeof s.exact).toBe('string');
      for (const k of ['prefix', 'suffix']) if (k in s) expect(typeof s[k]).toBe('string');
    } else {
      expect(s.type).toBe('TextPositionSelector');
      expect(Number.isInteger(s.start) && (s.start as number) >= 0).toBe(true);
      expect(Number.isInteger(s.end) && (s.end as number) >= (s.start as number)).toBe(true);
    }
  }
}

/** The model's MUSTs for collections and pages (section 5). */
function expectConformingPages(collection: AnnotationCollection, pages: AnnotationPage[]) {
  expect(collection['@context']).toBe(ANNO_CONTEXT);
  expect(isIri(collection.id)).toBe(true);
  expect(collection.type).toBe('AnnotationCollection');
  expect(typeof collection.label).toBe('string');
  expect(Number.isInteger(collection.total) && collection.total >= 0).toBe(true);
  if (collection.total > 0) {
    expect(collection.first).toBe(pages[0]);
    expect(collection.last).toBe(pages.at(-1)!.id);
  }
  let index = 0;
  pages.forEach((page, i) => {
    expect(page['@context']).toBe(ANNO_CONTEXT);
    expect(isIri(page.id)).toBe(true);
    expect(page.type).toBe('AnnotationPage');
    expect(page.partOf).toBe(collection.id);
    expect(page.startIndex).toBe(index);
    expect(page.next).toBe(pages[i + 1]?.id);
    expect(page.prev).toBe(pages[i - 1]?.id);
    for (const item of page.items) expectConformingAnnotation(item);
    index += page.items.length;
  });
  expect(index).toBe(collection.total);
}

describe('toAnnotation', () => {
  const { notes } = sampleLibrary();
  const [fr, quote, multiline, marked, orphan] = notes as [Note, Note, Note, Note, Note];

  it('a note with text is commenting, with its note and tags as bodies', () => {
    const a = toAnnotation(fr, { now: NOW });
    expect(a).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
      type: 'Annotation',
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', value: 'Voir aussi Tocqueville, chap. 3,\n« la tyrannie de la majorité ».', purpose: 'commenting', format: 'text/plain' },
        { type: 'TextualBody', value: 'politique', purpose: 'tagging', format: 'text/plain' },
        { type: 'TextualBody', value: 'à relire', purpose: 'tagging', format: 'text/plain' },
      ],
      target: { source: fr.url, selector: fr.selectors },
      created: '2024-03-07T09:30:01.000Z',
      modified: '2024-03-07T09:30:02.000Z',
      generated: '2026-11-05T12:00:00.000Z',
      generator: { type: 'Software', name: 'Verbatim' },
      'verbatim:kind': 'highlight',
      'verbatim:color': 'yellow',
    });
    expectConformingAnnotation(a);
  });

  it('a bare highlight is highlighting, without a body', () => {
    const a = toAnnotation(multiline, { now: NOW });
    expect(a.motivation).toBe('highlighting');
    expect(a).not.toHaveProperty('body');
    expectConformingAnnotation(a);
  });

  it('a quote keeps its kind and attribution in Verbatim’s own keys', () => {
    const a = toAnnotation(quote, { now: NOW });
    expect(a.motivation).toBe('commenting');
    expect(a['verbatim:kind']).toBe('quote');
    expect(a['verbatim:color']).toBe('purple');
    expect(a['verbatim:attribution']).toEqual(quote.attribution);
    expectConformingAnnotation(a);
  });

  it('a quote’s speaker is its passage’s creator, an Agent named only; a proposal says so in Verbatim’s key', () => {
    const a = toAnnotation({ ...quote, speaker: 'Albert Camus', speakerProposed: true }, { now: NOW });
    expect(a.target).toEqual({ source: quote.url, selector: quote.selectors, creator: { name: 'Albert Camus' } });
    expect(a['verbatim:speakerProposed']).toBe(true);
    expectConformingAnnotation(a);
    const accepted = toAnnotation({ ...quote, speaker: 'Albert Camus' }, { now: NOW });
    expect(accepted).not.toHaveProperty('verbatim:speakerProposed');
    // Back: the speaker and the proposal, exactly.
    for (const note of [{ ...quote, speaker: 'Albert Camus', speakerProposed: true as const }, { ...quote, speaker: 'la CNIL' }]) {
      const { notes: back } = parseAnnotationCollection(JSON.stringify(toAnnotation(note, { now: NOW })));
      expect(back).toEqual([note]);
    }
  });

  it('keeps the passage as seen when it differs from the quote selector’s, and when the note was orphaned', () => {
    expect(toAnnotation(marked)).not.toHaveProperty('verbatim:exact');
    const differs = toAnnotation({ ...marked, exact: 'Use *stars*  (as seen)' });
    expect(differs['verbatim:exact']).toBe('Use *stars*  (as seen)');
    expect(toAnnotation(orphan)['verbatim:orphanedAt']).toBe('2024-03-07T09:33:20.000Z');
  });

  it('an id that is not a UUID gets an IRI of its own', () => {
    const a = toAnnotation({ ...fr, id: 'note 1/é' });
    expect(a.id).toBe('urn:verbatim:note:note%201%2F%C3%A9');
    expect(isIri(a.id)).toBe(true);
  });

  it('does not share the note’s selector objects', () => {
    const a = toAnnotation(fr);
    expect(a.target.selector![0]).not.toBe(fr.selectors[0]);
  });
});

describe('toAnnotationCollection', () => {
  it('embeds one page holding every note, in the articles’ order then reading order', () => {
    const { articles, notes } = sampleLibrary();
    const collection = toAnnotationCollection(articles, [...notes].reverse(), { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', now: NOW });
    expect(collection).toMatchObject({ '@context': ANNO_CONTEXT, type: 'AnnotationCollection', label: 'Verbatim notes', total: 5 });
    expect(collection.first!.items.map((a) => a.id)).toEqual(notes.map((n) => `urn:uuid:${n.id}`));
    expect(collection.last).toBe('urn:uuid:00000000-0000-4000-8000-000000000001#page-1');
    expectConformingPages(collection, [collection.first!]);
  });

  it('splits into pages linked by IRI, the first embedded', () => {
    const { articles, notes } = sampleLibrary();
    const exp = toAnnotationPages(articles, notes, { pageSize: 2, now: NOW });
    expect(exp.pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(exp.collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expectConformingPages(exp.collection, exp.pages);
    expect(annotationDocument(exp)).toEqual([exp.collection, exp.pages[1], exp.pages[2]]);
    const single = toAnnotationPages(articles, notes);
    expect(annotationDocument(single)).toBe(single.collection);
  });

  it('an empty library is an empty collection', () => {
    const exp = toAnnotationPages([], [], { id: 'urn:uuid:00000000-0000-4000-8000-000000000002' });
    expect(exp.collection).toEqual({ '@context': ANNO_CONTEXT, id: 'urn:uuid:00000000-0000-4000-8000-000000000002', type: 'AnnotationCollection', label: 'Verbatim notes', total: 0 });
    expect(exp.pages).toEqual([]);
    expect(parseAnnotationCollection(exp.collection)).toEqual({ notes: [], rejected: [] });
  });

  it('every annotation of a generated French/English library conforms', () => {
    const { articles, notes } = generateLibrary({ articles: 20, notes: 500, seed: 7 });
    const exp = toAnnotationPages(articles, notes, { pageSize: 100 });
    expect(exp.pages).toHaveLength(5);
    expectConformingPages(exp.collection, exp.pages);
  });
});

describe('parseAnnotationCollection: Verbatim’s own files', () => {
  const sorted = (notes: Note[]) => [...notes].sort((a, b) => (a.id < b.id ? -1 : 1));

  it('gives back exactly the notes exported, through JSON, across pages', () => {
    const { articles, notes } = sampleLibrary();
    const json = JSON.stringify(annotationDocument(toAnnotationPages(articles, notes, { pageSize: 2 })));
    const { notes: back, rejected } = parseAnnotationCollection(json);
    expect(rejected).toEqual([]);
    expect(sorted(back)).toEqual(sorted(notes));
  });

  it('round trip of a generated library, and of notes with odd ids or passages', () => {
    const { articles, notes } = generateLibrary({ articles: 30, notes: 600, seed: 3 });
    const odd: Note[] = [
      // Any id Verbatim accepts (utils/export/backup.ts RECORD_ID), not only UUIDs.
      { ...sampleLibrary().notes[3]!, id: 'note_1-E', exact: 'Use *stars*  (as seen)' },
      { ...sampleLibrary().notes[0]!, id: 'ABCDEF00-0000-4000-8000-000000000000' },
    ];
    const all = [...notes, ...odd];
    const { notes: back } = parseAnnotationCollection(JSON.stringify(annotationDocument(toAnnotationPages(articles, all, { pageSize: 128 }))));
    expect(sorted(back)).toEqual(sorted(all));
  });

  it('property: any notes come back exactly, through JSON and pages', () => {
    const text = (minLength = 0) => fc.string({ minLength, maxLength: 40, unit: 'binary' });
    const noteArb = fc.record({
      id: fc.oneof(fc.uuid(), fc.stringMatching(/^[\w-]{1,64}$/)),
      url: fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true }).filter((u) => !u.includes('#')),
      kind: fc.constantFrom('highlight' as const, 'quote' as const),
      color: fc.constantFrom('yellow' as const, 'green' as const, 'blue' as const, 'pink' as const, 'purple' as const),
      exact: text(1),
      selectors: fc.tuple(text(1), text(), fc.nat(), fc.nat()).map(([exact, prefix, a, b]) => [
        { type: 'TextQuoteSelector' as const, exact, prefix },
        { type: 'TextPositionSelector' as const, start: Math.min(a, b), end: Math.max(a, b) },
      ]),
      note: text(),
      tags: fc.uniqueArray(text(1), { maxLength: 4 }),
      // Up to a day ahead of now: an import refuses anything later.
      createdAt: fc.integer({ min: 0, max: Date.now() }),
      updatedAt: fc.integer({ min: 0, max: Date.now() }),
    }) as fc.Arbitrary<Note>;
    fc.assert(
      fc.property(fc.uniqueArray(noteArb, { maxLength: 12, selector: (n) => n.id }), fc.integer({ min: 1, max: 5 }), (notes, pageSize) => {
        const { notes: back, rejected } = parseAnnotationCollection(JSON.stringify(annotationDocument(toAnnotationPages([], notes, { pageSize }))));
        expect(rejected).toEqual([]);
        expect(sorted(back)).toEqual(sorted(notes));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a single annotation, an array, a page or a collection', () => {
    const { notes } = sampleLibrary();
    const [a, b] = notes.map((n) => toAnnotation(n)) as [ReturnType<typeof toAnnotation>, ReturnType<typeof toAnnotation>];
    expect(parseAnnotationCollection(a).notes).toEqual([notes[0]]);
    expect(parseAnnotationCollection([a, b]).notes).toEqual([notes[0], notes[1]]);
    const page = toAnnotationPages([], notes.slice(0, 2)).pages[0]!;
    expect(parseAnnotationCollection(page).notes).toEqual(notes.slice(0, 2));
    expect(parseAnnotationCollection(JSON.stringify(toAnnotationCollection([], notes))).notes).toHaveLength(5);
  });

  it('refuses a collection whose pages are not all in the file', () => {
    const { articles, notes } = sampleLibrary();
    const exp = toAnnotationPages(articles, notes, { pageSize: 2 });
    expect(() => parseAnnotationCollection(exp.collection)).toThrow(FormatError);
    expect(() => parseAnnotationCollection(exp.collection)).toThrow(/^first: page "urn:uuid:[^"]+#page-2" is not in the file$/);
    const withTotal = { ...exp.collection, first: { ...exp.pages[0]!, next: undefined } };
    expect(() => parseAnnotationCollection(withTotal)).toThrow('the collection has 5 annotations but the file holds 2: some pages are missing');
  });

  it.each<[string, unknown, string | RegExp]>([
    ['truncated JSON', '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annot', /^the file ends early/],
    ['an empty array', [], 'no annotations: the document is empty'],
    ['something else', { type: 'Person', name: 'x' }, 'not a W3C Web Annotation (type "Person")'],
    ['a list of strings', ['urn:x'], '[0]: expected an annotation object'],
  ])('rejects %s', (_, input, message) => {
    expect(() => parseAnnotationCollection(input)).toThrow(message);
  });
});

describe('parseAnnotationCollection: annotations from other tools', () => {
  const NEW_ID = '99999999-9999-4999-8999-999999999999';
  const opts = { now: NOW, newId: () => NEW_ID };
  const hypothesisLike = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    id: 'https://hypothes.is/a/AbC123',
    created: '2023-05-01T10:00:00.000+02:00',
    modified: '2023-05-02T10:00:00Z',
    motivation: 'commenting',
    body: [
      { type: 'TextualBody', value: 'Une note **en Markdown**', format: 'text/markdown' },
      { type: 'TextualBody', value: 'Idées', purpose: 'tagging' },
      'https://example.org/an-iri-body',
    ],
    target: [
      {
        source: 'https://Example.FR/article?utm_source=newsletter&id=7#section',
        selector: [
          { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[1]' }, endSelector: { type: 'XPathSelector', value: '/p[2]' } },
          { type: 'TextPositionSelector', start: 10, end: 25 },
          { type: 'TextQuoteSelector', exact: 'le passage cité', prefix: 'x'.repeat(300), suffix: ' et la suite' },
          { type: 'CssSelector', value: '#main' },
        ],
      },
    ],
  };

  it('maps them sensibly: stable id from the IRI, URL normalised, unknown selectors ignored, bodies to note and tags', () => {
    const { notes, rejected } = parseAnnotationCollection(hypothesisLike, opts);
    expect(rejected).toEqual([]);
    const [note] = notes as [Note];
    expect(note.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseAnnotationCollection(hypothesisLike, opts).notes[0]!.id).toBe(note.id);
    expect(note).toEqual({
      id: note.id,
      url: 'https://example.fr/article?id=7',
      kind: 'highlight',
      color: 'yellow',
      exact: 'le passage cité',
      selectors: [
        { type: 'TextPositionSelector', start: 10, end: 25 },
        { type: 'TextQuoteSelector', exact: 'le passage cité', prefix: 'x'.repeat(256), suffix: ' et la suite' },
      ],
      note: 'Une note **en Markdown**',
      tags: ['Idées'],
      createdAt: Date.UTC(2023, 4, 1, 8),
      updatedAt: Date.UTC(2023, 4, 2, 10),
    });
  });

  it('gives a new id to an annotation without one, and reads bodyValue and tagging motivation', () => {
    const { notes } = parseAnnotationCollection(
      [
        { type: 'Annotation', bodyValue: 'Commentaire simple', target: { source: 'https://a.fr/', selector: { type: 'TextQuoteSelector', exact: 'abc' } } },
        { type: 'Annotation', motivation: 'tagging', body: { type: 'TextualBody', value: 'étiquette' }, target: { source: 'https://a.fr/', selector: { type: 'TextQuoteSelector', exact: 'def' } } },
      ],
      opts,
    );
    expect(notes[0]).toMatchObject({ id: NEW_ID, note: 'Commentaire simple', tags: [], createdAt: NOW, updatedAt: NOW });
    expect(notes[1]).toMatchObject({ note: '', tags: ['étiquette'] });
  });

  it('rejects, with a clear reason, what Verbatim cannot keep, and keeps the rest', () => {
    const ok = { type: 'Annotation', id: 'urn:uuid:12345678-1234-4234-8234-123456789abc', target: { source: 'https://a.fr/', selector: { type: 'TextQuoteSelector', exact: 'ok' } } };
    const { notes, rejected } = parseAnnotationCollection(
      {
        type: 'AnnotationPage',
        items: [
          { ...ok, id: 'urn:a', target: { source: 'https://a.fr/', selector: { type: 'TextPositionSelector', start: 1, end: 2 } } },
          { ...ok, id: 'urn:b', target: 'https://a.fr/' },
          { ...ok, id: 'urn:c', target: { source: 'javascript:alert(1)', selector: { type: 'TextQuoteSelector', exact: 'x' } } },
          { ...ok, id: 'urn:d', target: { source: 'https://a.fr/', selector: { type: 'TextQuoteSelector', exact: 'x'.repeat(200_001) } } },
          'https://example.org/annotations/1',
          ok,
          { ...ok, id: 'urn:e', type: 'Note' },
        ],
      },
      opts,
    );
    expect(notes.map((n) => n.id)).toEqual(['12345678-1234-4234-8234-123456789abc']);
    expect(rejected).toEqual([
      { index: 0, id: 'urn:a', reason: 'no TextQuoteSelector: Verbatim keeps the quoted passage, and this annotation has none' },
      { index: 1, id: 'urn:b', reason: 'the target is the whole page and the annotation says nothing about it: nothing to keep' },
      { index: 2, id: 'urn:c', reason: 'the target is not a web page (javascript:alert(1))' },
      { index: 3, id: 'urn:d', reason: 'exact: too long (200001 > 200000)' },
      { index: 4, reason: 'an annotation given by reference only (not embedded)' },
      { index: 6, id: 'urn:e', reason: 'not of type Annotation' },
    ]);
  });

  it('drops foreign tags Verbatim cannot hold instead of rejecting the annotation', () => {
    const { notes } = parseAnnotationCollection(
      {
        type: 'Annotation',
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'x'.repeat(65) },
          { type: 'TextualBody', purpose: 'tagging', value: '  ' },
          { type: 'TextualBody', purpose: 'tagging', value: ' ok ' },
        ],
        target: { source: 'https://a.fr/', selector: { type: 'TextQuoteSelector', exact: 'x' } },
      },
      opts,
    );
    expect(notes[0]!.tags).toEqual(['ok']);
  });
});
