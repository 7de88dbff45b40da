/**
 * Verbatim's W3C export against the web-platform-tests conformance schemas for the Web Annotation
 * Data Model, in ../shared/w3c-annotation-model (or $VERBATIM_W3C_SCHEMAS), validated with Ajv's
 * draft-04 engine as that folder's README describes. Skipped when the folder is absent: the unit
 * tests (tests/export/w3c.test.ts) check the same MUSTs by hand.
 *
 *   npx vitest run -c vitest.corpus.config.ts tests/corpus/w3c
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotationDocument, toAnnotationPages, type W3CAnnotation } from '../../utils/export/w3c';
import { generateLibrary, sampleLibrary } from '../support/library';

const ROOT = process.env.VERBATIM_W3C_SCHEMAS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/w3c-annotation-model');

type Schema = Record<string, unknown>;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Schema;

/** One Ajv for the whole run, every definition added under its own id, each schema compiled once. */
function makeValidator() {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  ajv.addVocabulary(['assertionType', 'expectedResult', 'onUnexpectedResult', 'errorMessage']);
  for (const file of readdirSync(join(ROOT, 'definitions'))) ajv.addSchema(readJson(join(ROOT, 'definitions', file)));
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: () => Schema | string) => {
    let fn = compiled.get(key);
    if (!fn) {
      const s = schema();
      fn = typeof s === 'string' ? ajv.getSchema(s)! : ajv.compile(s);
      if (!fn) throw new Error(`no schema ${key}`);
      compiled.set(key, fn);
    }
    return fn;
  };
  return { ajv, compile };
}

interface Outcome {
  assertion: string;
  must: boolean;
  passed: boolean;
  message?: string;
}

/**
 * Runs a JSONtest `.test` file's assertion list on a value (README.wpt.md): a path with `/` is
 * relative to the schema folder, one without to the `.test` file's folder; an inline object is a
 * schema; a nested array is a sub-list; `onUnexpectedResult` may skip the rest of a list or abort.
 */
function runTestFile(v: ReturnType<typeof makeValidator>, testFile: string, value: unknown): Outcome[] {
  const test = readJson(join(ROOT, testFile));
  const testDir = dirname(join(ROOT, testFile));
  const out: Outcome[] = [];
  let aborted = false;
  const runList = (list: unknown[]) => {
    for (const entry of list) {
      if (aborted) return;
      if (Array.isArray(entry)) {
        runList(entry);
        continue;
      }
      const path = typeof entry === 'string' ? (entry.includes('/') ? join(ROOT, entry) : join(testDir, entry)) : undefined;
      const schema = path ? readJson(path) : (entry as Schema);
      const key = path ?? JSON.stringify(entry);
      const validate = v.compile(key, () => schema);
      const expected = (schema.expectedResult as string | undefined) ?? 'valid';
      const passed = validate(value) === (expected === 'valid');
      out.push({
        assertion: (typeof entry === 'string' ? entry : (schema.title as string)) ?? key,
        must: ((schema.assertionType as string | undefined) ?? 'must') === 'must',
        passed,
        ...(passed ? {} : { message: (schema.errorMessage as string | undefined) ?? v.ajv.errorsText(validate.errors) }),
      });
      if (!passed) {
        const action = (schema.onUnexpectedResult as string | undefined) ?? 'failAndContinue';
        if (action.endsWith('AndSkip')) return;
        if (action.endsWith('AndAbort')) aborted = true;
      }
    }
  };
  runList(test.assertions as unknown[]);
  return out;
}

/** Runs named definitions (`file.json#/definitions/name`) on a value; returns the failures. */
function runDefinitions(v: ReturnType<typeof makeValidator>, refs: readonly string[], value: unknown, label: string): string[] {
  return refs.flatMap((ref) => {
    const validate = v.compile(ref, () => ref);
    return validate(value) ? [] : [`${label} fails ${ref}: ${v.ajv.errorsText(validate.errors)}`];
  });
}

/** The library under test: the hand-written French/English sample and a generated one. */
function library() {
  const sample = sampleLibrary();
  const generated = generateLibrary({ articles: 60, notes: 1_500, seed: 11 });
  const articles = [...sample.articles, ...generated.articles];
  const notes = [...sample.notes, ...generated.notes];
  return toAnnotationPages(articles, notes, { pageSize: 400, id: 'urn:uuid:6d1f6a2e-2b7c-4f7e-9a53-0d0c7b1e4a10' });
}

describe.skipIf(!existsSync(join(ROOT, 'annotations', 'annotationMusts.test')))('W3C Web Annotation conformance (wpt schemas)', () => {
  // Built in beforeAll: a skipped describe still runs its body to collect the tests.
  let v: ReturnType<typeof makeValidator>;
  let exp: ReturnType<typeof library>;
  let annotations: W3CAnnotation[];
  beforeAll(() => {
    v = makeValidator();
    exp = library();
    annotations = exp.pages.flatMap((p) => p.items);
  });

  it('exports the whole generated library', () => {
    expect(annotations.length).toBe(1_505);
    expect(exp.pages).toHaveLength(4);
    // The file form round-trips through JSON unchanged.
    expect(JSON.parse(JSON.stringify(annotationDocument(exp)))).toEqual(annotationDocument(exp));
  });

  it('every annotation passes every assertion of annotationMusts.test', () => {
    const failures: string[] = [];
    for (const a of annotations) {
      const outcomes = runTestFile(v, 'annotations/annotationMusts.test', a);
      expect(outcomes).toHaveLength(14);
      for (const o of outcomes) if (!o.passed) failures.push(`${a.id}: ${o.assertion}: ${o.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('every annotation passes 3.1-model-musts.test', () => {
    const failures = annotations.flatMap((a) =>
      runTestFile(v, 'annotations/3.1-model-musts.test', a)
        .filter((o) => o.must && !o.passed)
        .map((o) => `${a.id}: ${o.assertion}: ${o.message}`),
    );
    expect(failures).toEqual([]);
  });

  it('every annotation meets the definitions of annotations.json', () => {
    const refs = [
      'annotations.json#/definitions/annotationTypeValueFound',
      'annotations.json#/definitions/motivationRecognizedIfPresent',
      'annotations.json#/definitions/motivationSingularIfPresent',
      'annotations.json#/definitions/motivationPropertyFound',
      'annotations.json#/definitions/singleMotivationPropertyFound',
      'annotations.json#/definitions/stylesheetValueDefinition',
      'annotations.json#/definitions/bodyValueValidIfPresent',
    ];
    const failures = annotations.flatMap((a) => [
      ...runDefinitions(v, refs, a, a.id),
      ...runDefinitions(v, ['annotations.json#/definitions/contextValueFound'], a['@context'], `${a.id} @context`),
    ]);
    expect(failures).toEqual([]);
  });

  it('bodies, targets and selectors meet their definitions', () => {
    const failures = annotations.flatMap((a) => [
      ...runDefinitions(v, ['otherProperties.json#/definitions/generatorValidIfPresent', 'otherProperties.json#/definitions/createdValidIfPresent', 'otherProperties.json#/definitions/modifiedValidIfPresent', 'otherProperties.json#/definitions/generatedValidIfPresent'], a, a.id),
      ...runDefinitions(v, ['otherProperties.json#/definitions/agentTypeDefinition'], a.generator, `${a.id} generator`),
      ...(a.body ?? []).flatMap((b, i) =>
        runDefinitions(v, ['bodyTarget.json#/definitions/textualBodyFound', 'otherProperties.json#/definitions/purposeRecognizedIfPresent'], b, `${a.id} body[${i}]`),
      ),
      ...runDefinitions(v, ['bodyTarget.json#/definitions/targetResourcesFound', 'specificResource.json#/definitions/specificeResourceDetected', 'specificResource.json#/definitions/selectorDefined'], a.target, `${a.id} target`),
      ...(a.target.selector ?? []).flatMap((s, i) =>
        runDefinitions(
          v,
          ['specificResource.json#/definitions/textQuoteSelectorTypeValidIfPresent', 'specificResource.json#/definitions/textPositionSelectorTypeValidIfPresent'],
          s,
          `${a.id} selector[${i}]`,
        ),
      ),
    ]);
    expect(failures).toEqual([]);
  });

  it('the collection and every page meet the definitions of collections.json', () => {
    const failures = [
      ...runDefinitions(
        v,
        [
          'collections.json#/definitions/annotationCollectionTypeValueFound',
          'collections.json#/definitions/labelDefinition',
          'collections.json#/definitions/totalDefinition',
          'collections.json#/definitions/firstValidIfPresent',
          'collections.json#/definitions/firstRequiredIfTotalMoreThanZero',
          'collections.json#/definitions/lastValidIfPresent',
          'id.json#/definitions/idValueFound',
        ],
        exp.collection,
        'collection',
      ),
      ...runDefinitions(v, ['collections.json#/definitions/contextValueFound'], exp.collection['@context'], 'collection @context'),
      ...exp.pages.flatMap((page) =>
        runDefinitions(
          v,
          [
            'collections.json#/definitions/annotationPageTypeValueFound',
            'collections.json#/definitions/partOfValidIfPresent',
            'collections.json#/definitions/nextValidIfPresent',
            'collections.json#/definitions/prevValidIfPresent',
            'collections.json#/definitions/startIndexDefinition',
            'collections.json#/definitions/itemsFound',
            'id.json#/definitions/idValueFound',
          ],
          page,
          page.id,
        ),
      ),
    ];
    expect(failures).toEqual([]);
  });

  it('the harness catches a non-conforming annotation (so passing means something)', () => {
    const { type: _type, ...untyped } = annotations[0]!;
    const both = { ...annotations.find((a) => a.body)!, bodyValue: 'x' };
    const failed = (value: unknown) =>
      runTestFile(v, 'annotations/annotationMusts.test', value)
        .filter((o) => !o.passed)
        .map((o) => o.assertion);
    expect(failed(untyped)).toEqual(['annotations/3.1-annotationTypeValidated.json']);
    expect(failed(both)).toEqual(['annotations/3.2.5-notBodyBodyValue.json']);
    expect(failed({ ...annotations[0]!, created: 'yesterday' })).toEqual(['annotations/3.3.1-annotationCreatedValidated.json']);
  });
});
