import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The tests that run `octavo` in a child process run it as users do, from the
 * compiled lib/ (see src/compile.js): compiled from the sources under test first,
 * unless it already is.
 */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../src/compile.js', import.meta.url)), '--if-stale'], {
    stdio: 'inherit',
  });
}
