import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; a cold start on a 2-core machine can exceed the 5 s default.
    testTimeout: 30_000,
    // Set-up that loads the shipped data/ (tens of thousands of daily rows) outlasts the 10 s default
    // when the suite's workers share two cores: it is a hook, not a test, so it gets the same room.
    hookTimeout: 30_000,
  },
});
