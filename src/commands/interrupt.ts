/** Exit codes for a build stopped by a signal: 128 + the signal's number, as shells report it. */
const codes = { SIGINT: 130, SIGTERM: 143 } as const;
type Stop = keyof typeof codes;

/**
 * Catch Ctrl-C (SIGINT) and SIGTERM for the length of a build. Until the build
 * starts writing, nothing in the out-dir has been touched, so the process stops at
 * once; from then on the build is asked to stop through `signal` (its staged files
 * are removed; a commit under way completes) and the command says how it ended.
 */
export function catchInterrupts(dir: string, beforeMessage: () => void) {
  const controller = new AbortController();
  let received: Stop | undefined;
  let writing = false;
  const stop = (name: Stop): void => {
    if (received) return;
    received = name;
    controller.abort();
    if (writing) return;
    beforeMessage();
    // Straight to stderr: the PDF renderer holds console.error while it works.
    process.stderr.write(`octavo: interrupted; ${dir} is unchanged\n`);
    process.exit(codes[name]);
  };
  const onInt = (): void => stop('SIGINT');
  const onTerm = (): void => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    /** The build has begun to write: a signal now waits for it to stop cleanly. */
    writing(): void {
      writing = true;
    },
    /** Restore the default handling, and say how the build ended if a signal came: then the exit code. */
    finish(written: boolean): number | undefined {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (!received) return undefined;
      beforeMessage();
      console.error(
        written
          ? `octavo: interrupted after the outputs were written to ${dir}`
          : `octavo: interrupted; ${dir} is unchanged`,
      );
      return codes[received];
    },
  };
}
