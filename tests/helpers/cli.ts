import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './books.js';

/**
 * Run the installed command as a user would, in a child process. Progress lines
 * are held back (a slow machine would otherwise show them) unless `env` asks.
 * `timeoutMs` kills a run that hangs, so that a test fails instead of waiting.
 */
export function octavo(
  args: string[],
  cwd = repoRoot,
  env: Record<string, string> = {},
  options: { timeoutMs?: number } = {},
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'src/bin.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '', OCTAVO_PROGRESS_DELAY: '600000', ...env },
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
