import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: Node, with fake-indexeddb and WXT's fake browser. DOM tests opt in per file
// with a `// @vitest-environment jsdom` (or happy-dom) docblock.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'tests/corpus/**', 'node_modules/**'],
    setupFiles: ['fake-indexeddb/auto'],
    // No unit test asserts a speed (speed goals live in `npm run bench`): Vitest's 5 s default
    // turned property tests and the 300-note page test into timing tests on a loaded machine.
    testTimeout: 30_000,
  },
});
