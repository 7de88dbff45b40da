import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Checks against ../shared/corpus (or $VERBATIM_CORPUS). Not part of `npm test`: the
// project's own tests must pass without that folder.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/corpus/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
