import type { Progress } from '../core/build.js';

/** What a progress display writes to: a terminal (redrawn in place) or a log (one line per step). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress for long builds, on stderr. Nothing is shown for the first `delayMs`
 * (a short build stays quiet); then a terminal gets one live line, redrawn as
 * chapters are read, and a log (not a TTY) gets a plain line per step.
 */
export function progressDisplay(stream: ProgressStream, delayMs: number) {
  const started = performance.now();
  let shown = false;
  let lastStep = '';
  const say = (progress: Progress): string => {
    switch (progress.stage) {
      case 'read':
        return `reading chapters ${progress.done + 1}/${progress.total}`;
      case 'render':
        return progress.format === 'pdf' ? 'laying out the PDF' : 'packaging the EPUB';
      case 'write':
        return `writing ${progress.files} ${progress.files === 1 ? 'file' : 'files'}`;
    }
  };
  return {
    update(progress: Progress): void {
      if (performance.now() - started < delayMs) return;
      const text = say(progress);
      if (stream.isTTY) {
        stream.write(`\r\x1b[Koctavo: ${text}…`);
        shown = true;
        return;
      }
      // A log gets each step once: "reading chapters" once, not once per chapter.
      const step = progress.stage === 'read' ? 'read' : text;
      if (step === lastStep) return;
      lastStep = step;
      const read = progress.stage === 'read' && `reading ${progress.total} chapter${progress.total === 1 ? '' : 's'}`;
      stream.write(`octavo: ${read || text}…\n`);
    },
    /** Clear the live line before the results are printed. */
    done(): void {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** How long a build runs before progress is shown: `OCTAVO_PROGRESS_DELAY` in ms, default 3000. */
export function progressDelay(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.OCTAVO_PROGRESS_DELAY);
  return env.OCTAVO_PROGRESS_DELAY !== undefined && Number.isFinite(value) && value >= 0 ? value : 3000;
}
