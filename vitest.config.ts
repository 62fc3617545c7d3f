import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Binary tests spawn node; two cores are shared, so keep a generous timeout.
    testTimeout: 20_000,
  },
});
