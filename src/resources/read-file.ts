import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file's bytes were not read. */
export type ReadFailure =
  { kind: 'too-large'; size: number; limit: number } | { kind: 'not-a-file' } | { kind: 'unreadable'; code: string };

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; failure: ReadFailure };

/**
 * Read a whole file of at most `limit` bytes. It is opened without blocking (a
 * FIFO named like a chapter would otherwise wait for a writer forever), and the
 * open file itself is checked before a byte is read: a regular file, no larger
 * than the limit. No more than `limit` bytes are ever read, even from a file
 * that grows meanwhile.
 */
export async function readLimited(filePath: string, limit: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, failure: { kind: 'unreadable', code: codeOf(error) } };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, failure: { kind: 'not-a-file' } };
    if (info.size > limit) return { ok: false, failure: { kind: 'too-large', size: info.size, limit } };
    // One byte more than allowed tells a file that grew past the limit from one that fills it.
    const buffer = new Uint8Array(Math.min(info.size, limit) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) return { ok: false, failure: { kind: 'too-large', size: filled, limit } };
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return { ok: false, failure: { kind: 'unreadable', code: codeOf(error) } };
  } finally {
    await handle.close();
  }
}

function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'EIO';
}

/** A byte count as people read it, rounded up so a size over a limit never reads as the limit: `257 KB`, `20.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${Math.ceil((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
