import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Why a path named in the book cannot be used. */
export type ResolveFailure =
  | { kind: 'remote'; url: string }
  | { kind: 'absolute'; url: string }
  | { kind: 'outside'; url: string; resolved: string }
  | { kind: 'missing'; url: string; resolved: string }
  | { kind: 'not-a-file'; url: string; resolved: string };

/** A usable file: its real absolute path, and its path inside the book (forward slashes, the same on every machine). */
export type Resolved = { ok: true; path: string; relative: string } | { ok: false; failure: ResolveFailure };

const remote = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The one resolver of every file a book uses: `url` as written in `fromFile`,
 * percent-decoded exactly once, relative to that file's folder, and (after
 * following symlinks) inside `root`.
 */
export async function resolveBookPath(url: string, fromFile: string, root: string): Promise<Resolved> {
  if (remote.test(url) || url.startsWith('//')) return { ok: false, failure: { kind: 'remote', url } };
  let decoded = url.split(/[?#]/)[0] ?? url;
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A stray % is taken literally, as a browser does.
  }
  if (
    path.isAbsolute(decoded) ||
    /^[a-z]:[\\/]/i.test(decoded) ||
    decoded.startsWith('\\\\') ||
    /^file:/i.test(decoded)
  ) {
    return { ok: false, failure: { kind: 'absolute', url } };
  }
  const resolved = path.resolve(path.dirname(fromFile), decoded);
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  const real = await realpath(resolved).catch(() => undefined);
  if (!isInside(real ?? resolved, real ? realRoot : path.resolve(root))) {
    return { ok: false, failure: { kind: 'outside', url, resolved } };
  }
  if (!real) return { ok: false, failure: { kind: 'missing', url, resolved } };
  const info = await stat(real);
  if (!info.isFile()) return { ok: false, failure: { kind: 'not-a-file', url, resolved } };
  return { ok: true, path: real, relative: path.relative(realRoot, real).split(path.sep).join('/') };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
