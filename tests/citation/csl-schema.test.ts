import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The validator Zotero's style editor uses: rnv (a RELAX NG validator) compiled to WebAssembly,
// with the CSL 1.0.2 schema built in. It runs offline, in Node.
import { validateStyle } from 'csl-validator-wasm';

const DIR = 'utils/citation/csl/';
const files = readdirSync(DIR).filter((f) => f.endsWith('.csl') || f.endsWith('.xml'));

describe('our CSL styles and locales', () => {
  it('are all there: 7 styles, fr-FR and en-US', () => {
    expect(files.sort()).toEqual([
      'apa.csl', 'chicago-author-date.csl', 'chicago-notes.csl', 'harvard.csl', 'iso690-author-date-en.csl',
      'iso690-author-date-fr.csl', 'locales-en-US.xml', 'locales-fr-FR.xml', 'mla.csl',
    ]);
  });

  it.each(files)('%s is valid against the CSL schema', async (file) => {
    expect(await validateStyle(readFileSync(DIR + file, 'utf8'))).toBe('');
  });

  it('the validator does reject a style that breaks the schema', async () => {
    const broken = readFileSync(`${DIR}apa.csl`, 'utf8').replace('<text variable="URL"/>', '<link variable="URL"/>');
    expect(await validateStyle(broken)).toMatch(/error/u);
  });
});
