import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One file to write. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Write every output or none: each goes to a temporary file in the out-dir, and
 * only when all of them are on disk are they renamed over the old files. A failure
 * removes the temporary files and leaves what was there untouched.
 */
export async function writeOutputs(outputs: readonly OutputFile[]): Promise<void> {
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const output of outputs) {
      await mkdir(path.dirname(output.path), { recursive: true });
      const temp = path.join(path.dirname(output.path), `.${path.basename(output.path)}.${process.pid}.tmp`);
      staged.push({ temp, final: output.path });
      await writeFile(temp, output.bytes, { flush: true });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  for (const { temp, final } of staged) await rename(temp, final);
}
