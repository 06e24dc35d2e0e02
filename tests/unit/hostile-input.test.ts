import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, maxMetadataBytes } from '../../src/config/load.js';
import { foreignFrontMatter } from '../../src/config/front-matter.js';
import { formatMessages } from '../../src/core/report.js';
import { readLimited } from '../../src/resources/read-file.js';
import { maxSourceBytes } from '../../src/resources/limits.js';
import { firstInvalidUtf8, readSource } from '../../src/resources/read-source.js';
import { resolveBookPath } from '../../src/resources/resolve.js';
import { tempDir } from '../helpers/books.js';

/**
 * The input side of hostile manuscripts, in-process and fast: the resolver, the
 * size-capped reader, text decoding and the metadata parser. tests/e2e/hostile.test.ts
 * runs the same attacks through the CLI with trip-wires.
 */

const figure = path.join(import.meta.dirname, '../fixtures/images/images/figure.png');

/** A read that blocks on a FIFO would hang until the suite's two-minute timeout: fail sooner. */
const blocking = 10_000;

function fifo(at: string): void {
  const made = spawnSync('mkfifo', [at]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

function folder(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function messagesOf(input: string, root = path.dirname(input)): Promise<string[]> {
  const loaded = await loadConfig(input);
  return formatMessages([loaded.metaFile], root).filter((line) => !line.startsWith('  '));
}

describe('the resolver', () => {
  test('decodes exactly once: %252e%252e%252f is the literal name %2e%2e%2f…, looked for in the book', async () => {
    const root = folder({ 'one.md': '' });
    copyFileSync(figure, path.join(root, '%2e%2e%2ffig.png'));
    const chapter = path.join(root, 'one.md');
    expect(await resolveBookPath('%252e%252e%252ffig.png', chapter, root)).toMatchObject({
      ok: true,
      relative: '%2e%2e%2ffig.png',
    });
    const missing = await resolveBookPath('%252e%252e%252fother.png', chapter, root);
    expect(missing.ok ? 'ok' : missing.failure.kind).toBe('missing');
  });

  test.each([
    'file:///etc/passwd',
    'FILE:/etc/passwd',
    'file:etc/passwd',
    'file%3A%2F%2F%2Fetc%2Fpasswd',
    '\\\\server\\share\\a.png',
    '%5C%5Cserver%5Cshare%5Ca.png',
    'C:\\Windows\\win.ini',
    'C:/Windows/win.ini',
    'c:win.ini',
    '%2Fetc%2Fpasswd',
    '\\etc\\passwd',
  ])('%s is an absolute path', async (url) => {
    const root = folder({ 'one.md': '' });
    const resolved = await resolveBookPath(url, path.join(root, 'one.md'), root);
    expect(resolved.ok ? 'ok' : resolved.failure.kind).toBe('absolute');
  });

  test('a name that only starts with two dots is inside the book', async () => {
    const root = folder({ 'one.md': '' });
    copyFileSync(figure, path.join(root, '..fig.png'));
    expect(await resolveBookPath('..fig.png', path.join(root, 'one.md'), root)).toMatchObject({ ok: true });
  });

  test('a book reached through a symlinked folder still finds its own files', async () => {
    const real = folder({ 'one.md': '' });
    copyFileSync(figure, path.join(real, 'fig.png'));
    const link = path.join(tempDir(), 'book');
    symlinkSync(real, link);
    // Chapters carry their real path; the root is the path the user gave.
    expect(await resolveBookPath('fig.png', path.join(real, 'one.md'), link)).toMatchObject({ ok: true });
    expect(await resolveBookPath('fig.png', path.join(link, 'one.md'), link)).toMatchObject({ ok: true });
  });

  test(
    'a FIFO is not a file and a link to a device leads outside, both without a read',
    async () => {
      const root = folder({ 'one.md': '' });
      fifo(path.join(root, 'pipe.png'));
      symlinkSync('/dev/zero', path.join(root, 'zero.png'));
      const chapter = path.join(root, 'one.md');
      expect(await resolveBookPath('pipe.png', chapter, root)).toMatchObject({
        ok: false,
        failure: { kind: 'not-a-file', folder: false },
      });
      expect(await resolveBookPath('zero.png', chapter, root)).toMatchObject({
        ok: false,
        failure: { kind: 'outside' },
      });
      expect(await resolveBookPath('.', chapter, root)).toMatchObject({
        ok: false,
        failure: { kind: 'not-a-file', folder: true },
      });
    },
    blocking,
  );
});

describe('readLimited', () => {
  test(
    'refuses a FIFO without waiting for a writer, and a file over the limit by its size',
    async () => {
      const root = tempDir();
      fifo(path.join(root, 'pipe'));
      expect(await readLimited(path.join(root, 'pipe'), 100)).toEqual({ ok: false, failure: { kind: 'not-a-file' } });
      writeFileSync(path.join(root, 'big'), '');
      truncateSync(path.join(root, 'big'), 150);
      // The size of the file, not of what was read: it is judged before a byte is read.
      expect(await readLimited(path.join(root, 'big'), 100)).toEqual({
        ok: false,
        failure: { kind: 'too-large', size: 150, limit: 100 },
      });
      writeFileSync(path.join(root, 'full'), 'x'.repeat(100));
      expect(await readLimited(path.join(root, 'full'), 100)).toMatchObject({ ok: true, bytes: { length: 100 } });
    },
    blocking,
  );
});

describe('reading text', () => {
  test('a bad byte in the middle of line 3 is an error there, named, even after a real U+FFFD', async () => {
    const file = path.join(tempDir(), 'bad.md');
    writeFileSync(file, Buffer.concat([Buffer.from('# \ufffd\n\nab'), Buffer.from([0x93]), Buffer.from('cd\n')]));
    const source = await readSource(file);
    expect(source.messages.map((m) => [m.line, m.column, m.reason, m.ruleId])).toEqual([
      [3, 3, 'File is not valid UTF-8: byte 0x93', 'text-encoding'],
    ]);
  });

  test.each([
    ['c3a920e282ac20f09f9880', undefined, 'é € 😀'],
    ['c0af', 0, 'an overlong /'],
    ['61e080af', 1, 'an overlong / in three bytes'],
    ['6162eda080', 2, 'a surrogate'],
    ['f4908080', 0, 'past U+10FFFF'],
    ['f5808080', 0, 'a lead byte that never starts a sequence'],
    ['6180', 1, 'a continuation byte alone'],
    ['6162e282', 2, 'a sequence cut short'],
  ])('%s: the first bad byte is at %s (%s)', (hex, offset, _what) => {
    expect(firstInvalidUtf8(Buffer.from(hex, 'hex'))).toBe(offset);
  });

  test('CRLF, lone CR and a BOM give the same text, and so the same positions, as LF', async () => {
    const root = tempDir();
    const lf = '# T\n\nText\n\n![x](nope.png)\n';
    const values = [];
    for (const [name, text] of [
      ['lf.md', lf],
      ['crlf.md', lf.replace(/\n/g, '\r\n')],
      ['cr.md', lf.replace(/\n/g, '\r')],
      ['bom.md', `\ufeff${lf.replace(/\n/g, '\r\n')}`],
    ] as const) {
      writeFileSync(path.join(root, name), text);
      values.push(String((await readSource(path.join(root, name))).value));
    }
    expect(values).toEqual([lf, lf, lf, lf]);
  });

  test.each([
    ['UTF-16 big-endian', Buffer.from('feff00230020', 'hex'), 'File is UTF-16, not UTF-8'],
    [
      'UTF-16 without a BOM',
      Buffer.from('# Title\n\nText\n', 'utf16le'),
      'File is UTF-16 (without a byte order mark), not UTF-8',
    ],
    ['UTF-32', Buffer.from('fffe00002300000020000000', 'hex'), 'File is UTF-32, not UTF-8'],
  ])('%s is named', async (_name, bytes, reason) => {
    const file = path.join(tempDir(), 'wide.md');
    writeFileSync(file, bytes);
    const source = await readSource(file);
    expect(source.messages.map((m) => [m.line, m.column, m.reason])).toEqual([[1, 1, reason]]);
    expect(String(source.value)).toBe('');
  });

  test('control characters are removed, with one warning at the first', async () => {
    const file = path.join(tempDir(), 'ctl.md');
    writeFileSync(file, '# Title\n\ntab\tstays, bell\u0007 and NUL\u0000 go, \u001b[31mred\u0085 \ufffe\n');
    const source = await readSource(file);
    expect(String(source.value)).toBe('# Title\n\ntab\tstays, bell and NUL go, [31mred \n');
    expect(source.messages.map((m) => [m.line, m.column, m.reason, m.fatal])).toEqual([
      [3, 16, 'Control character U+0007 removed (and 4 more in the file)', false],
    ]);
  });

  test('a chapter over 20 MB is an error that names its size, before it is read', async () => {
    const file = path.join(tempDir(), 'big.md');
    writeFileSync(file, '');
    truncateSync(file, maxSourceBytes + 1);
    const source = await readSource(file);
    expect(source.messages.map((m) => [m.reason, m.ruleId, m.fatal])).toEqual([
      ['File too large: 20.1 MB (the limit for a chapter is 20 MB)', 'file-too-large', true],
    ]);
  });
});

describe('front matter', () => {
  test.each([
    ['---js', 'js'],
    ['---javascript', 'javascript'],
    ['---coffee', 'coffee'],
    ['---toml', 'toml'],
    ['--- js ', 'js'],
    ['+++', 'TOML'],
    ['---yaml', 'yaml'],
  ])('%j opens foreign front matter', (line, language) => {
    expect(foreignFrontMatter(`${line}\nx\n---\n`)?.language).toBe(language);
  });

  test.each(['---', '--- ', '----', '---Yes, he said.', '--- - -', '+++ text', '# ---js'])('%j does not', (line) => {
    expect(foreignFrontMatter(`${line}\nx\n`)).toBeUndefined();
  });

  test('a single-file book with ---js is an error at 1:1, and nothing of it is read as metadata', async () => {
    const dir = folder({
      'book.md': "---js\n{ title: require('fs').readFileSync('/etc/passwd', 'utf8') }\n---\n# Hi\n",
    });
    const loaded = await loadConfig(path.join(dir, 'book.md'));
    expect(loaded.config).toBeUndefined();
    expect(formatMessages([loaded.metaFile], dir)[0]).toBe(
      'book.md:1:1: error: Front matter must be YAML: `---js` opens `js` front matter, which Octavo never reads or runs [front-matter-language]',
    );
  });

  test('front matter over 256 KB is an error that names its size', async () => {
    const padding = '# padding\n'.repeat(maxMetadataBytes / 10 + 1);
    const dir = folder({ 'book.md': `---\ntitle: T\n${padding}---\n# Hi\n` });
    expect(await messagesOf(path.join(dir, 'book.md'))).toEqual([
      'book.md:1:1: error: Front matter too large: 257 KB (the limit is 256 KB) [file-too-large]',
    ]);
  });
});

describe('book.yaml', () => {
  test('over 256 KB is an error before it is parsed', async () => {
    const dir = folder({ 'book.yaml': `title: T\n${'# padding\n'.repeat(maxMetadataBytes / 10 + 1)}`, 'a.md': '' });
    expect(await messagesOf(dir, dir)).toEqual([
      'book.yaml: error: File too large: 257 KB (the limit for a book.yaml is 256 KB) [file-too-large]',
    ]);
  });

  test('a billion laughs is an error at the first alias, in no time', async () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [i, name] of [...'bcdefghi'].entries()) {
      const prior = 'abcdefgh'[i];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prior}`).join(', ')}]`);
    }
    const dir = folder({ 'book.yaml': `title: T\n${levels.join('\n')}\n`, 'a.md': '' });
    const started = performance.now();
    expect(await messagesOf(dir, dir)).toEqual([
      'book.yaml:3:8: error: book metadata expands its aliases (*name) to too much [book-yaml-invalid]',
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test('__proto__, constructor and prototype are unknown keys, and Object.prototype is untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const dir = folder({
      'book.yaml':
        'title: T\n__proto__:\n  polluted: 1\nconstructor:\n  prototype:\n    polluted: 1\nprototype: { polluted: 1 }\nstyle:\n  __proto__: { polluted: 1 }\n  colors:\n    constructor: { polluted: 1 }\n',
      'a.md': '',
    });
    const loaded = await loadConfig(dir);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(loaded.config)).toBe(Object.prototype);
    expect(Object.keys(loaded.config ?? {})).not.toContain('__proto__');
    expect(formatMessages([loaded.metaFile], dir).filter((line) => !line.startsWith('  '))).toEqual([
      'book.yaml:2:1: warning: Unknown key `__proto__` in book metadata [book-yaml-unknown-key]',
      'book.yaml:4:1: warning: Unknown key `constructor` in book metadata [book-yaml-unknown-key]',
      'book.yaml:7:1: warning: Unknown key `prototype` in book metadata [book-yaml-unknown-key]',
      'book.yaml:9:3: warning: Unknown key `__proto__` under `style` [book-yaml-unknown-key]',
      'book.yaml:11:5: warning: Unknown key `constructor` under `style.colors` [book-yaml-unknown-key]',
    ]);
  });

  test('`lang: constructor` gets the language hint, not Object’s constructor', async () => {
    const dir = folder({ 'book.yaml': 'title: T\nlang: constructor\n', 'a.md': '' });
    const loaded = await loadConfig(dir);
    expect(loaded.metaFile.messages.map((m) => m.note)).toEqual([
      'use a language tag such as en, en-GB, de, fr or zh-Hans',
    ]);
  });

  test('tags outside the core schema are errors at the tag; !!str and ! are fine', async () => {
    const dir = folder({
      'book.yaml':
        'title: !!str 2026\nsubtitle: ! plain\ndescription: !!binary aGVsbG8=\nrights: !!js/function "function () {}"\nauthor: [ !x a ]\n',
      'a.md': '',
    });
    expect(await messagesOf(dir, dir)).toEqual([
      'book.yaml:3:14: error: YAML tag `!!binary` is not allowed in book metadata [book-yaml-invalid]',
      'book.yaml:4:9: error: YAML tag `!!js/function` is not allowed in book metadata [book-yaml-invalid]',
      'book.yaml:5:11: error: YAML tag `!x` is not allowed in book metadata [book-yaml-invalid]',
    ]);
  });

  test('control characters from escapes are removed from texts, with a warning', async () => {
    const dir = folder({ 'book.yaml': 'title: "A\\0B\\e[31mC\\uD800"\n', 'a.md': '' });
    const loaded = await loadConfig(dir);
    expect(loaded.config?.title).toBe('AB[31mC');
    expect(formatMessages([loaded.metaFile], dir)[0]).toBe(
      'book.yaml:1:8: warning: Control character U+0000 removed from a text in book metadata [text-control-character]',
    );
  });

  test(
    'a book.yaml that is a symlink out of the book, or a FIFO, is refused unread',
    async () => {
      const outside = folder({ 'other.yaml': 'title: Elsewhere\n' });
      const linked = folder({ 'a.md': '' });
      symlinkSync(path.join(outside, 'other.yaml'), path.join(linked, 'book.yaml'));
      expect(await messagesOf(linked, linked)).toEqual([
        'book.yaml: error: book.yaml leads out of the book folder [book-yaml-invalid]',
      ]);
      const piped = folder({ 'a.md': '' });
      fifo(path.join(piped, 'book.yaml'));
      expect(await messagesOf(piped, piped)).toEqual([
        'book.yaml: error: book.yaml is not a readable file [book-yaml-invalid]',
      ]);
    },
    blocking,
  );

  test(
    'a single-file input that is a FIFO is refused, not waited on',
    async () => {
      const dir = tempDir();
      fifo(path.join(dir, 'book.md'));
      expect(await messagesOf(path.join(dir, 'book.md'))).toEqual([
        'book.md: error: The input is not a readable file [input-missing]',
      ]);
    },
    blocking,
  );
});
