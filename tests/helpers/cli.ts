import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/** A running `octavo`, for tests that signal it or run two at once. */
export interface RunningOctavo {
  child: ChildProcess;
  /** Resolves when stderr has printed `text`. */
  stderrHas(text: string): Promise<void>;
  /** Resolves when stdout has printed `text` `times` times in all (default once). */
  stdoutHas(text: string, times?: number): Promise<void>;
  /** Resolves when the command has ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Start the installed command in a child process, as `octavo` does, without waiting for it. */
export function startOctavo(args: string[], cwd = repoRoot, env: Record<string, string> = {}): RunningOctavo {
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/bin.js'), ...args], {
    cwd,
    env: { ...process.env, SOURCE_DATE_EPOCH: '', OCTAVO_PROGRESS_DELAY: '600000', ...env },
  });
  const output = { stdout: '', stderr: '' };
  type Wait = { stream: keyof typeof output; text: string; times: number; resolve: () => void };
  let waiting: Wait[] = [];
  const count = (stream: keyof typeof output, text: string): number => output[stream].split(text).length - 1;
  const settle = (): void => {
    const met = waiting.filter((w) => count(w.stream, w.text) >= w.times);
    waiting = waiting.filter((w) => !met.includes(w));
    for (const wait of met) wait.resolve();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
    settle();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
    settle();
  });
  const ended = new Promise<Awaited<RunningOctavo['ended']>>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ...output })),
  );
  const has = (stream: keyof typeof output, text: string, times = 1): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (count(stream, text) >= times) return resolve();
      waiting.push({ stream, text, times, resolve });
      void ended.then(() =>
        reject(new Error(`the command ended before printing ${text}:\n${output.stdout}\n${output.stderr}`)),
      );
    });
  return {
    child,
    ended,
    stderrHas: (text) => has('stderr', text),
    stdoutHas: (text, times) => has('stdout', text, times),
  };
}

/**
 * The command, without blocking the test's own event loop: for a test that serves
 * something (a local HTTP server) to the command while it runs.
 */
export async function octavoAsync(
  args: string[],
  cwd = repoRoot,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await startOctavo(args, cwd, env).ended;
  return { code, stdout, stderr };
}
