import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; a cold start on a 2-core machine can exceed the 5 s default.
    testTimeout: 30_000,
  },
});
