import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/compile.ts'],
    // Whole-book builds render real PDFs and run EPUBCheck (a JVM start each).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at once: by default a 2-core machine runs one, and much of the
    // suite waits on child processes (EPUBCheck's JVM, Calibre, the CLI). 10.4 minutes
    // one at a time, 7.9 two at a time.
    maxWorkers: 2,
  },
});
