import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Why a path named in the book cannot be used. */
export type ResolveFailure =
  | { kind: 'remote'; url: string }
  | { kind: 'absolute'; url: string }
  | { kind: 'outside'; url: string; resolved: string }
  | { kind: 'missing'; url: string; resolved: string }
  | { kind: 'not-a-file'; url: string; resolved: string; folder: boolean };

/** A usable file: its real absolute path, and its path inside the book (forward slashes, the same on every machine). */
export type Resolved = { ok: true; path: string; relative: string } | { ok: false; failure: ResolveFailure };

const remote = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The one resolver of every file a book uses: `url` as written in `fromFile`,
 * percent-decoded exactly once, relative to that file's folder, and (after
 * following symlinks) inside `root`, a regular file. Absolute paths, `file:`
 * URLs, drive letters and UNC paths are refused before the disk is touched, and
 * so is a path that leads out of `root` as written: nothing outside the book is
 * ever looked at, not even to say that it exists.
 */
export async function resolveBookPath(url: string, fromFile: string, root: string): Promise<Resolved> {
  // `file:` is a path on this machine, however many slashes follow it.
  if (!/^file:/i.test(url) && (remote.test(url) || url.startsWith('//'))) {
    return { ok: false, failure: { kind: 'remote', url } };
  }
  let decoded = url.split(/[?#]/)[0] ?? url;
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A stray % is taken literally, as a browser does.
  }
  if (
    path.isAbsolute(decoded) ||
    path.win32.isAbsolute(decoded) ||
    /^[a-z]:/i.test(decoded) ||
    /^file:/i.test(url) ||
    /^file:/i.test(decoded)
  ) {
    return { ok: false, failure: { kind: 'absolute', url } };
  }
  const resolved = path.resolve(path.dirname(fromFile), decoded);
  // Chapters are read from their real paths, so a book reached through a symlink is inside either name of it.
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  if (!isInside(resolved, path.resolve(root)) && !isInside(resolved, realRoot)) {
    return { ok: false, failure: { kind: 'outside', url, resolved } };
  }
  const real = await realpath(resolved).catch(() => undefined);
  if (!real) return { ok: false, failure: { kind: 'missing', url, resolved } };
  if (!isInside(real, realRoot)) return { ok: false, failure: { kind: 'outside', url, resolved } };
  const info = await stat(real).catch(() => undefined);
  if (!info) return { ok: false, failure: { kind: 'missing', url, resolved } };
  if (!info.isFile()) return { ok: false, failure: { kind: 'not-a-file', url, resolved, folder: info.isDirectory() } };
  return { ok: true, path: real, relative: path.relative(realRoot, real).split(path.sep).join('/') };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
