import path from 'node:path';
import type { VFile } from 'vfile';

/**
 * Every message as `file:line:col: error|warning: text [rule-id]`, the form
 * editors and CI annotate, with the fix hint on the line below.
 */
export function formatMessages(files: readonly VFile[], cwd = process.cwd()): string[] {
  const lines: string[] = [];
  for (const file of files) {
    const name = displayPath(file.path, cwd);
    for (const message of sortedMessages(file)) {
      const severity = message.fatal ? 'error' : 'warning';
      const rule = message.ruleId ? ` [${message.ruleId}]` : '';
      // A problem with a whole file (or a folder) has no line to point at.
      const at = message.line === undefined ? '' : `:${message.line}:${message.column ?? 1}`;
      lines.push(`${name}${at}: ${severity}: ${message.reason}${rule}`);
      if (message.note)
        lines.push(...message.note.split('\n').map((line, i) => `  ${i === 0 ? 'hint: ' : '      '}${line}`));
    }
  }
  return lines;
}

/** Counts of errors and warnings across files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) for (const m of file.messages) m.fatal ? errors++ : warnings++;
  return { errors, warnings };
}

/** A path as the user would write it: relative when it lies below `cwd`, else absolute. */
/** An output folder as messages name it: its display path with a trailing separator (`dist/`). */
export function folderLabel(dir: string): string {
  return `${displayPath(path.resolve(dir))}${path.sep}`;
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** A file's messages in the order a reader meets them: by line, then column. */
export function sortedMessages(file: VFile): VFile['messages'] {
  return [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
