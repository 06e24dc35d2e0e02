import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './books.js';

/**
 * Run the installed command as a user would, in a child process. Progress lines
 * are held back (a slow machine would otherwise show them) unless `env` asks.
 */
export function octavo(
  args: string[],
  cwd = repoRoot,
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'src/bin.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '', OCTAVO_PROGRESS_DELAY: '600000', ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The same, without blocking the test's own event loop: for a test that serves
 * something (a local HTTP server) to the command while it runs.
 */
export function octavoAsync(
  args: string[],
  cwd = repoRoot,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/bin.js'), ...args], {
    cwd,
    env: { ...process.env, SOURCE_DATE_EPOCH: '', OCTAVO_PROGRESS_DELAY: '600000', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
