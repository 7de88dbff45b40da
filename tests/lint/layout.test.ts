import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports, checkLayout, checkModule, importsOf, MAX_LINES } from '../../scripts/lint/layout.ts';

const messages = (file: string, source: string) => checkImports(file, source).map((v) => v.message);

describe('the layout lint: dependencies point one way', () => {
  it.each([
    ['utils/search/index.ts', "import { browser } from 'wxt/browser';", /no extension API/],
    ['utils/anchoring/text.ts', "import Dexie from 'dexie';", /no database/],
    ['utils/export/csv.ts', "import { inReadingOrder } from '../db/repo';", /no database/],
    ['utils/domain/model.ts', "import { callTab } from '../messaging/rpc';", /no messages/],
    ['utils/text/fold.ts', "import { t } from '../platform/i18n';", /no browser platform/],
    ['utils/suggest/index.ts', "export { x } from '../page/highlighter';", /do not draw/],
    ['utils/page/highlighter.ts', "import { browser } from 'wxt/browser';", /no extension API/],
    ['utils/db/repo.ts', "import { saveNote } from '../services/notes';", /above this layer/],
    ['utils/services/notes.ts', "import { useLibrary } from '../../hooks/useLibrary';", /above this layer/],
    ['hooks/useLibrary.ts', "import { NoteItem } from '../components/NoteItem';", /above this layer/],
    ['components/NoteItem.tsx', "import { updateNote } from '../utils/db/repo';", /calls services/],
    ['components/List.tsx', "import { liveQuery } from 'dexie';", /does not open the database/],
    ['utils/extract/meta.ts', "const m = await import('../../tests/support/prng');", /does not import its tests/],
    ['entrypoints/popup/App.tsx', "import { Card } from '../page/ui';", /another entrypoint/],
    ['entrypoints/popup/OtherAddresses.tsx', "import { linkAddress } from '../../utils/db/aliases';", /not the database/],
    ['tests/export/csv.test.ts', "import { generateLibrary } from '../../bench/export';", /tests do not import benchmarks/],
    ['bench/search.ts', "import { launch } from '../tests/e2e/harness';", /tests\/support\/ only/],
  ])('%s: %s is refused', (file, source, why) => {
    const found = messages(file, source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(why);
  });

  it.each([
    ['utils/export/csv.ts', "import type { VerbatimDb } from '../db/schema';"],
    ['utils/export/csv.ts', "import { type VerbatimDb } from '../db/schema';"],
    ['components/NoteItem.tsx', "import type { VerbatimDb } from '../utils/db/schema';"],
    ['utils/services/notes.ts', "import { updateNote } from '../db/repo';\nimport { refreshTabs } from '../messaging/rpc';"],
    ['entrypoints/popup/App.tsx', "import { NoteItem } from '../../components/NoteItem';\nimport { Row } from './Row';"],
    ['entrypoints/popup/main.tsx', "import { VerbatimDb } from '../../utils/db/schema';"],
    ['entrypoints/popup/OtherAddresses.tsx', "import type { Elsewhere } from '../../utils/db/aliases';"],
    ['bench/search.ts', "import { prng } from '../tests/support/prng';"],
    ['tests/lint/layout.test.ts', "import { checkLayout } from '../../scripts/lint/layout.ts';"],
    ['utils/anchoring/index.ts', "import { fold } from '../text/fold';"],
  ])('%s: %s is allowed', (file, source) => {
    expect(messages(file, source)).toEqual([]);
  });

  it('reads every kind of import: static, re-export, dynamic, type-only and `import()` types', () => {
    const found = importsOf(
      "import a from './a';\nimport type { B } from './b';\nexport * from './c';\nexport type { D } from './d';\nconst e = () => import('./e');\ntype F = import('./f').F;\n",
    );
    expect(found.map((i) => [i.spec, i.typeOnly, i.line])).toEqual([
      ['./a', false, 1],
      ['./b', true, 2],
      ['./c', false, 3],
      ['./d', true, 4],
      ['./e', false, 5],
      ['./f', true, 6],
    ]);
  });
});

describe('the layout lint: modules', () => {
  it(`refuses a module over ${MAX_LINES} lines, and a loose module at the root of utils/`, () => {
    const long = 'export const x = 1;\n'.repeat(MAX_LINES + 1);
    expect(checkModule('utils/search/index.ts', long).map((v) => v.message)).toEqual([`${MAX_LINES + 1} lines: a module holds one concern, at most ${MAX_LINES} lines`]);
    expect(checkModule('utils/search/index.ts', 'export const x = 1;\n'.repeat(MAX_LINES))).toEqual([]);
    expect(checkModule('utils/helpers.ts', 'export {};\n').map((v) => v.message)).toEqual(['a loose module at the root of utils/: it belongs in one of its folders']);
    expect(checkModule('tests/big.test.ts', long)).toEqual([]); // tests and tooling are not held to it
  });

  it('finds a deliberate violation in a repository tree, and passes it once fixed', () => {
    const root = mkdtempSync(join(tmpdir(), 'verbatim-layout-'));
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    try {
      put('utils/text/fold.ts', "import { browser } from 'wxt/browser';\nexport const fold = (s: string) => s;\n");
      put('components/Row.tsx', "import { fold } from '../utils/text/fold';\nexport const Row = () => fold('');\n");
      expect(checkLayout(root).map((v) => `${v.file}:${v.line}`)).toEqual(['utils/text/fold.ts:1']);
      put('utils/text/fold.ts', 'export const fold = (s: string) => s;\n');
      expect(checkLayout(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
