import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { BookWorker, buildIsolated } from '../core/isolated.js';
import { countMessages, displayPath, folderLabel } from '../core/report.js';
import { parseBuildCommandLine } from './build.js';
import { catchInterrupts } from './interrupt.js';
import { plural, printMessages, seconds, UsageError, type Command } from './shared.js';

export const usage = `Usage: octavo watch [input] [options]

Build the book, then build it again each time one of its files is saved, until
Ctrl-C. Each build prints its messages and one status line with its time. The
outputs are replaced only by a build that succeeds, as with octavo build.

  input                 as for octavo build (default: manuscript/, or the
                        working folder when it holds book.yaml)

Options: those of octavo build (\`octavo build --help\`) but --json.
  -h, --help            show this help

Exit codes: 130 / 143 when stopped by Ctrl-C / SIGTERM, 2 the command line is
wrong.`;

/** How long to wait after a change for the next one: an editor's save is often several writes. */
const settleMs = 120;

/** Folders below the book's that are never its sources. */
const skipped = new Set(['node_modules', '.git']);

/** At most this many folders are watched: a book is not a whole disk. */
const maxFolders = 500;

/** `octavo watch`: rebuild on save, in one worker kept warm between builds. */
export async function run(argv: string[]): Promise<number> {
  const { values, request, budget } = parseBuildCommandLine(argv);
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.json) throw new UsageError('watch prints a status line per build; --json is for octavo build');
  const input = path.resolve(request.input ?? 'manuscript');
  const info = await stat(input).catch(() => undefined);
  if (!info) throw new UsageError(`no book at ${request.input}: pass a book folder or a .md file`);
  const root = info.isDirectory() ? input : path.dirname(input);
  const outDir = path.resolve(request.outDir);
  const dir = folderLabel(outDir);
  const worker = new BookWorker(budget);
  const watchers = new Map<string, FSWatcher>();

  let stopping: ((code: number) => void) | undefined;
  const stopped = new Promise<number>((resolve) => (stopping = resolve));
  // Between builds, Ctrl-C stops at once: nothing is being written.
  const idle = (signal: NodeJS.Signals): void => stopping?.(signal === 'SIGINT' ? 130 : 143);
  const listen = (on: boolean): void => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) (on ? process.on : process.off).call(process, signal, idle);
  };

  let changed: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const once = async (why: string): Promise<void> => {
    listen(false);
    const started = performance.now();
    const interrupts = catchInterrupts(dir, () => undefined);
    const result = await buildIsolated(
      {
        ...request,
        // Its threads stay warm from one build to the next (see writers/pdf/parts.ts): every core pays.
        jobs: request.jobs ?? availableParallelism(),
        // Only the chapters that changed are parsed again (see core/parse-cache.ts).
        incremental: true,
        signal: interrupts.signal,
        onProgress: (progress) => {
          if (progress.stage === 'write') interrupts.writing();
        },
      },
      budget,
      worker,
    );
    const code = interrupts.finish(result.ok);
    if (code !== undefined) {
      stopping?.(code);
      return;
    }
    listen(true);
    printMessages(result.files);
    const { errors, warnings } = countMessages(result.files);
    const noted = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
      .filter(Boolean)
      .join(', ');
    const time = new Date().toTimeString().slice(0, 8);
    const what = result.ok
      ? `built ${result.outputs.map((output) => displayPath(output.path)).join(', ')}`
      : `failed; ${dir} is unchanged`;
    // A folder made meanwhile is watched before the status line says the build is done.
    await watchFolders(root, outDir, watchers, onChange);
    console.log(`${time} ${why}: ${what} in ${seconds(performance.now() - started)}${noted ? ` (${noted})` : ''}`);
  };

  // One build at a time; changes during a build start one more after it.
  const rebuild = (): void => {
    if (running) return;
    const why = changed ? `${displayPath(changed)} changed` : 'first build';
    changed = undefined;
    running = once(why).finally(() => {
      running = undefined;
      if (changed) rebuild();
    });
  };

  const onChange = (name: string): void => {
    changed = name;
    clearTimeout(timer);
    timer = setTimeout(rebuild, settleMs);
  };
  // Watching starts before the first build, so a save during it is not missed.
  await watchFolders(root, outDir, watchers, onChange);
  listen(true);
  rebuild();
  const code = await stopped;
  clearTimeout(timer);
  for (const watcher of watchers.values()) watcher.close();
  await worker.close();
  if (code === 130 || code === 143) console.error('octavo: stopped watching');
  return code;
}

/**
 * Watch the book's folder and the folders inside it (not the out-dir, hidden
 * folders or node_modules), each on its own: recursive watching would walk any
 * tree at all. Called after every build, so a folder made since is watched too.
 */
async function watchFolders(
  root: string,
  outDir: string,
  watchers: Map<string, FSWatcher>,
  onChange: (file: string) => void,
): Promise<void> {
  const folders = [root];
  for (let i = 0; i < folders.length && folders.length < maxFolders; i++) {
    const entries = await readdir(folders[i]!, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const folder = path.join(folders[i]!, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && !skipped.has(entry.name) && folder !== outDir) {
        folders.push(folder);
      }
    }
  }
  const wanted = new Set(folders.slice(0, maxFolders));
  for (const [folder, watcher] of watchers) {
    if (wanted.has(folder)) continue;
    watcher.close();
    watchers.delete(folder);
  }
  for (const folder of wanted) {
    if (watchers.has(folder)) continue;
    try {
      const watcher = watch(folder, (_event, name) => {
        // Editors' swap and backup files, Octavo's own lock, temporary files and outputs are not the book.
        if (!name || name.startsWith('.') || name.endsWith('~') || /^\d+$|\.(pdf|epub)$/i.test(name)) return;
        onChange(path.join(folder, name));
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(folder);
      });
      watchers.set(folder, watcher);
    } catch {
      // A folder removed since it was listed: the next build lists again.
    }
  }
}

export const command: Command = { usage, run };
