import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocPaths, expandBraces, pathsNamedIn } from '../../scripts/lint/doc-paths.ts';

describe('the docs lint: every path the docs name exists', () => {
  it('reads backquoted repository paths and relative links, and passes over the rest', () => {
    const page = [
      'The router is `entrypoints/background/router.ts`, the protocol `utils/messaging/protocol.ts:12`.',
      'Each context: `entrypoints/{popup,sidepanel}/`. A pattern: `utils/db/migrations/v<n>.ts`, `tests/**/*.test.ts`.',
      'Not a path: `npm test`, `Alt+Shift+H`, `fold`. Built: `.output/chrome-mv3`, `tests/e2e/__screenshots__/x.png`.',
      'See [the data model](data-model.md#when-a-write-fails), [MDN](https://developer.mozilla.org/) and [top](#top).',
    ].join('\n');
    expect(pathsNamedIn(page, 'docs/architecture.md')).toEqual([
      { path: 'entrypoints/background/router.ts', line: 1 },
      { path: 'utils/messaging/protocol.ts', line: 1 },
      { path: 'entrypoints/popup/', line: 2 },
      { path: 'entrypoints/sidepanel/', line: 2 },
      { path: 'docs/data-model.md', line: 4 },
    ]);
    expect(expandBraces('tests/fixtures/{article,speaker}-{en,fr}.html')).toEqual([
      'tests/fixtures/article-en.html',
      'tests/fixtures/article-fr.html',
      'tests/fixtures/speaker-en.html',
      'tests/fixtures/speaker-fr.html',
    ]);
  });

  it('fails on a page naming a file that is not there, and only on it', () => {
    const root = mkdtempSync(join(tmpdir(), 'verbatim-doc-paths-'));
    try {
      const write = (path: string, text = '') => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('utils/messaging/rpc.ts');
      write('README.md', 'Sends and serves: `utils/messaging/rpc.ts`. Details: [security](docs/security.md).\n');
      write('docs/security.md', 'Each claim has its test: `tests/background/editor.test.ts`.\nBack: [README](../README.md).\n');
      expect(checkDocPaths(root)).toEqual([{ file: 'docs/security.md', line: 1, path: 'tests/background/editor.test.ts' }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
