import { defineConfig } from 'vitest/config';

// End-to-end: the built extension (.output/chrome-mv3) in real Chromium, one browser at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
