'use strict';
/**
 * Trip-wires for the hostile-manuscript tests (tests/e2e/hostile.test.ts).
 *
 * Loaded into the real CLI with NODE_OPTIONS="--require …/tripwire.cjs": a
 * `--require` preload runs before tsx and before any of Octavo's modules, in the
 * main thread, in every worker thread (tsx's loader thread included) and in
 * child processes alike; an `--import` preload would skip worker threads.
 * CommonJS, so it needs no loader of its own.
 *
 * - Network: every connection, request, DNS query, UDP socket and fetch is
 *   recorded and refused with an exception. A local socket inside an allowed
 *   folder is let through (tsx's IPC pipe in its temporary folder), and so is
 *   fetch() of a data: or blob: URL (yoga-layout loads its WebAssembly so).
 * - Processes: every child process start is recorded and refused, except the
 *   executables named in OCTAVO_TRIPWIRE_ALLOW_EXEC (esbuild, which tsx runs to
 *   compile TypeScript the first time it sees a file).
 * - Files: every path that `fs` or `fs/promises` opens, reads, stats, lists,
 *   checks or writes is recorded when it lies outside the allowed paths. Calls
 *   that follow symlinks (open, stat, readdir…) are judged by the real path too,
 *   so a symlink inside the book that leads to /etc/passwd is caught; lstat,
 *   realpath and readlink look at the link itself and are judged by the path as
 *   given (that is how the resolver finds out where a link leads).
 *
 * OCTAVO_TRIPWIRE_LOG        file that gets one JSON record per line; required.
 * OCTAVO_TRIPWIRE_ALLOW      folders (path.delimiter-separated) whose files may be
 *                            touched; unset, every access is recorded.
 * OCTAVO_TRIPWIRE_ALLOW_EXACT paths that may be touched themselves, nothing under them.
 * OCTAVO_TRIPWIRE_ALLOW_EXEC executables that may be started.
 * OCTAVO_TRIPWIRE_STACK      set to 1 to record where each access came from.
 *
 * The first record of each thread is {"kind":"ready"}, so a test can tell that
 * the wires were in place rather than merely silent.
 */
const fs = require('node:fs');
const path = require('node:path');
const { syncBuiltinESMExports } = require('node:module');
const { fileURLToPath } = require('node:url');
const { isMainThread } = require('node:worker_threads');

if (process.env.OCTAVO_TRIPWIRE_LOG) install(process.env);

function install(env) {
  const appendFileSync = fs.appendFileSync;
  const realpathSync = fs.realpathSync.native;
  const thread = isMainThread ? 'main' : 'worker';
  const list = (value) => (value ?? '').split(path.delimiter).filter(Boolean);

  // fs's own functions call each other through its exports: nothing is checked while the wires work.
  let busy = false;
  const quietly = (work) => {
    busy = true;
    try {
      return work();
    } finally {
      busy = false;
    }
  };
  const record = (entry) => {
    const stack = env.OCTAVO_TRIPWIRE_STACK === '1' ? { stack: new Error().stack.split('\n').slice(3, 12) } : {};
    const line = `${JSON.stringify({ ...entry, ...stack, pid: process.pid, thread })}\n`;
    quietly(() => appendFileSync(env.OCTAVO_TRIPWIRE_LOG, line));
  };
  const real = (p) => {
    try {
      return quietly(() => realpathSync(p));
    } catch {
      return p;
    }
  };
  const roots =
    env.OCTAVO_TRIPWIRE_ALLOW === undefined
      ? undefined
      : list(env.OCTAVO_TRIPWIRE_ALLOW).flatMap((root) => [path.resolve(root), real(path.resolve(root))]);
  const exact = list(env.OCTAVO_TRIPWIRE_ALLOW_EXACT).flatMap((file) => [path.resolve(file), real(path.resolve(file))]);
  const allowed = (p) =>
    roots !== undefined && (exact.includes(p) || roots.some((root) => p === root || p.startsWith(root + path.sep)));
  const executables = list(env.OCTAVO_TRIPWIRE_ALLOW_EXEC).flatMap((file) => [path.resolve(file), real(file)]);

  /** The absolute path an fs argument names; undefined for a file descriptor. */
  const pathOf = (arg) => {
    if (arg instanceof URL) return arg.protocol === 'file:' ? fileURLToPath(arg) : arg.href;
    if (arg instanceof Uint8Array) return path.resolve(Buffer.from(arg).toString());
    if (typeof arg === 'string') return arg.startsWith('file:') ? fileURLToPath(arg) : path.resolve(arg);
    return undefined;
  };
  const check = (op, arg, follows) => {
    if (busy) return;
    let given;
    try {
      given = pathOf(arg);
    } catch {
      return;
    }
    if (given === undefined) return;
    const target = follows ? real(given) : given;
    if (allowed(given) && allowed(target)) return;
    record({ kind: 'file', op, path: given, ...(target === given ? {} : { real: target }) });
  };

  /** Replace `owner[name]` with a wrapper that first runs `before(args)`; keeps properties such as `.native`. */
  const wrap = (owner, name, before) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    const wrapped = {
      [name](...args) {
        before(args);
        return new.target ? new original(...args) : original.apply(this, args);
      },
    }[name];
    for (const key of Object.keys(original)) wrapped[key] = original[key];
    owner[name] = wrapped;
  };

  // Files: each name in fs (with its Sync twin) and in fs/promises.
  const follow = ['open', 'readFile', 'createReadStream', 'stat', 'readdir', 'opendir', 'access', 'exists'];
  const noFollow = ['lstat', 'realpath', 'readlink'];
  const writes = ['writeFile', 'appendFile', 'createWriteStream', 'mkdir', 'rm', 'rmdir', 'unlink', 'truncate'];
  const twoPaths = ['rename', 'copyFile', 'cp', 'symlink', 'link'];
  for (const [owner, sync] of [
    [fs, true],
    [fs.promises, false],
  ]) {
    const names = (group) => group.flatMap((name) => (sync ? [name, `${name}Sync`] : [name]));
    for (const name of names([...follow, ...writes])) wrap(owner, name, (args) => check(name, args[0], true));
    for (const name of names(noFollow)) wrap(owner, name, (args) => check(name, args[0], false));
    for (const name of names(twoPaths)) {
      wrap(owner, name, (args) => {
        // symlink(target, path): the target is only text until something follows it.
        if (!name.startsWith('symlink')) check(name, args[0], true);
        check(name, args[1], false);
      });
    }
  }
  for (const owner of [fs.realpath, fs.realpathSync]) {
    wrap(owner, 'native', (args) => check(`${owner.name}.native`, args[0], false));
  }

  // Network and processes: record, then refuse.
  const refuse = (kind, api, args) => {
    record({ kind, api, target: describe(args) });
    throw new Error(`tripwire: ${kind} refused (${api})`);
  };
  const guard = (kind, label, owner, names, letThrough = () => false) => {
    for (const name of names) {
      wrap(owner, name, (args) => {
        if (!letThrough(args)) refuse(kind, `${label}.${name}`, args);
      });
    }
  };
  /** A Unix socket or named pipe inside an allowed folder: not the network. */
  const localSocket = (args) => {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const socket = typeof first === 'string' ? first : first && typeof first === 'object' ? first.path : undefined;
    return typeof socket === 'string' && allowed(path.resolve(socket));
  };
  const allowedExecutable = (args) => typeof args[0] === 'string' && executables.includes(path.resolve(args[0]));
  const net = require('node:net');
  const dns = require('node:dns');
  const dnsPromises = require('node:dns/promises');
  const queries = (owner) => Object.getOwnPropertyNames(owner).filter((name) => /^(lookup|resolve|reverse)/.test(name));
  guard('network', 'net', net, ['connect', 'createConnection'], localSocket);
  guard('network', 'net.Socket', net.Socket.prototype, ['connect'], localSocket);
  guard('network', 'tls', require('node:tls'), ['connect']);
  guard('network', 'http', require('node:http'), ['request', 'get']);
  guard('network', 'https', require('node:https'), ['request', 'get']);
  guard('network', 'http2', require('node:http2'), ['connect']);
  guard('network', 'dns', dns, queries(dns));
  guard('network', 'dns/promises', dnsPromises, queries(dnsPromises));
  guard('network', 'dns.Resolver', dns.Resolver.prototype, queries(dns.Resolver.prototype));
  guard('network', 'dns/promises.Resolver', dnsPromises.Resolver.prototype, queries(dnsPromises.Resolver.prototype));
  guard('network', 'dgram', require('node:dgram'), ['createSocket']);
  const starts = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];
  guard('process', 'child_process', require('node:child_process'), starts, allowedExecutable);
  if (typeof globalThis.fetch === 'function') {
    const realFetch = globalThis.fetch;
    globalThis.fetch = function fetch(...args) {
      const url = args[0] instanceof Request ? args[0].url : String(args[0]);
      if (/^(data|blob):/i.test(url)) return realFetch.apply(this, args);
      try {
        refuse('network', 'fetch', args);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  // ESM named imports (`import { readFile } from 'node:fs/promises'`) see the wrappers only after this.
  syncBuiltinESMExports();
  record({ kind: 'ready' });
}

/** A short text for what a network call or process start was aimed at: its first arguments. */
function describe(args) {
  return args
    .slice(0, 2)
    .filter((arg) => typeof arg !== 'function')
    .map(describeOne)
    .join(' ')
    .slice(0, 300);
}

function describeOne(target) {
  if (target === undefined || target === null) return String(target);
  if (typeof target === 'string' || typeof target === 'number') return String(target);
  if (target instanceof URL) return target.href;
  if (Array.isArray(target)) return target.map(String).join(' ');
  if (typeof target === 'object') {
    if (typeof target.url === 'string') return target.url;
    const host = target.host ?? target.hostname ?? target.path ?? '';
    return `${host}${target.port === undefined ? '' : `:${target.port}`}`;
  }
  return typeof target;
}
