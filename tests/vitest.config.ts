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
  },
});
