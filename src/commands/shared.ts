import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { VFile } from 'vfile';
import type { Budget } from '../core/isolated.js';
import { countMessages, displayPath, formatMessages, sortedMessages } from '../core/report.js';
import { defaultMaxMemoryMb, defaultTimeoutSeconds } from '../resources/limits.js';
import { nearest } from '../plugins/nearest.js';

/** A command line that cannot be run as written: exit code 2, with a pointer to the help. */
export class UsageError extends Error {}

/** What every command module gives the dispatcher. */
export interface Command {
  /** The command's --help text. */
  usage: string;
  /** Run with the arguments after the command name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** Exit codes, as the README documents them. */
export const exit = { ok: 0, failed: 1, usage: 2 } as const;

export function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * A file of Octavo's package, by its path from the package's folder: the same from
 * the sources and from their compiled copy in lib/, which sits a folder deeper.
 */
export function packageFile(relative: string): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('octavo/package.json')), relative);
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Why a run failed, from its messages: "2 errors", "1 error and 3 warnings", or "1 warning under --strict". */
export function failure(files: readonly VFile[]): string {
  const { errors, warnings } = countMessages(files);
  if (errors === 0) return `${plural(warnings, 'warning')} under --strict`;
  return warnings === 0 ? plural(errors, 'error') : `${plural(errors, 'error')} and ${plural(warnings, 'warning')}`;
}

/** Every message on stderr, in the `file:line:col: severity: text [rule]` form. */
export function printMessages(files: readonly VFile[]): void {
  for (const line of formatMessages(files)) console.error(line);
}

/** The messages as plain objects, for --json. */
export function messagesJson(files: readonly VFile[]): Record<string, unknown>[] {
  // In the order the text report prints them: by file, then by place.
  return files.flatMap((file) =>
    sortedMessages(file).map((message) => ({
      file: displayPath(file.path),
      ...(message.line === undefined ? {} : { line: message.line, column: message.column ?? 1 }),
      severity: message.fatal ? 'error' : 'warning',
      rule: message.ruleId ?? null,
      reason: message.reason,
      ...(message.note ? { hint: message.note } : {}),
    })),
  );
}

/**
 * The command's arguments, parsed; a mistake in them is a UsageError in the
 * user's words ("unknown option --formt; did you mean --format?"), not the
 * parser's.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^' ,]+)'/.exec(message)?.[1] ?? /(--[a-z-]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const names = Object.keys(options).map((name) => `--${name}`);
      const near = nearest(flag.replace(/=.*/, ''), names);
      throw new UsageError(`unknown option ${flag}${near ? `; did you mean ${near}?` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const value = argv[argv.indexOf(flag) + 1];
      throw new UsageError(
        !/argument missing/.test(message) && value?.startsWith('-')
          ? `${flag} ${value}: a value that starts with "-" is written ${flag}=${value}`
          : `${flag} needs a value`,
      );
    }
    throw error;
  }
}

/** The options that set a command's budget, for `parseCommandLine`. */
export const budgetOptions = {
  timeout: { type: 'string' },
  'max-memory': { type: 'string' },
} as const;

/** Their lines in a command's --help. */
export const budgetUsage = `      --timeout <s>     stop after this many seconds (default: ${defaultTimeoutSeconds}; 0: never)
      --max-memory <MB> memory for parsing and layout (default: ${defaultMaxMemoryMb})`;

/** `--timeout` and `--max-memory`, checked for form. */
export function parseBudget(values: { timeout?: string | undefined; 'max-memory'?: string | undefined }): Budget {
  const budget: Budget = {};
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (values.timeout.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
      throw new UsageError(
        `--timeout is in seconds, such as ${defaultTimeoutSeconds} (0: no limit), not ${values.timeout}`,
      );
    }
    budget.timeoutSeconds = seconds;
  }
  const memory = values['max-memory'];
  if (memory !== undefined) {
    const megabytes = Number(memory);
    if (!/^\s*\d+\s*$/.test(memory) || megabytes < 16) {
      throw new UsageError(`--max-memory is in megabytes, 16 or more, such as ${defaultMaxMemoryMb}, not ${memory}`);
    }
    budget.maxMemoryMb = megabytes;
  }
  return budget;
}
