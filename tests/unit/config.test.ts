import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { formatMessages } from '../../src/core/report.js';
import { tempDir } from '../helpers/books.js';

/** Write a book folder from a map of file names to contents; returns its path. */
function bookFolder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function messagesOf(dir: string, input = dir): Promise<string[]> {
  const loaded = await loadConfig(input);
  return formatMessages([loaded.metaFile], dir);
}

describe('book.yaml', () => {
  test('a valid book lists its chapters in the order given', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nchapters:\n  - b.md\n  - a.md\n', 'a.md': '', 'b.md': '' });
    const loaded = await loadConfig(dir);
    expect(loaded.metaFile.messages).toEqual([]);
    expect(loaded.config).toMatchObject({ title: 'T', lang: 'en' });
    expect(loaded.chapters.map((c) => c.written)).toEqual(['b.md', 'a.md']);
  });

  test('without `chapters`, every .md in the folder in natural name order', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\n', 'ch10.md': '', 'ch2.md': '', 'ch1.md': '', 'notes.txt': '' });
    const loaded = await loadConfig(dir);
    expect(loaded.chapters.map((c) => c.written)).toEqual(['ch1.md', 'ch2.md', 'ch10.md']);
  });

  test('a bad value is an error at its own line and column', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nauthor: A\nlang: english please\ndate: 5 January\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:3:7: error: `lang` must be a BCP 47 language tag such as en, en-GB, pt-BR or zh-Hans [book-yaml-invalid]',
      '  hint: use a language tag such as en, en-GB, de, fr or zh-Hans',
      'book.yaml:4:7: error: `date` must be an ISO 8601 date such as 2026-01-05 [book-yaml-invalid]',
      '  hint: write the date as YYYY-MM-DD, e.g. 2026-01-05',
    ]);
  });

  test('a missing title is an error; an unknown key a warning with a suggestion', async () => {
    const dir = bookFolder({ 'book.yaml': 'autor: A\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:1:1: warning: Unknown key `autor` in book metadata [book-yaml-unknown-key]',
      '  hint: did you mean `author`?',
      'book.yaml:1:1: error: `title` is required [book-yaml-invalid]',
      '  hint: add `title: Your Title` at the top',
    ]);
  });

  test('a misspelt required key is one error, at the misspelling, naming the key it should be', async () => {
    const dir = bookFolder({ 'book.yaml': 'titel: My Book\nauthor: A\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:1:1: error: Unknown key `titel` in book metadata, and `title` is missing [book-yaml-invalid]',
      '  hint: did you mean `title`?',
    ]);
  });

  test('a list entry that is not a string points at the entry', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nchapters:\n  - a.md\n  - [nested]\n', 'a.md': '' });
    const messages = await messagesOf(dir);
    expect(messages[0]).toMatch(/^book\.yaml:4:5: error: `chapters\.1` /);
  });

  test('YAML syntax errors stop the build at their line', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nauthor: [unclosed\n', 'a.md': '' });
    const loaded = await loadConfig(dir);
    expect(loaded.config).toBeUndefined();
    expect(formatMessages([loaded.metaFile], dir)[0]).toMatch(
      /^book\.yaml:\d+:\d+: error: book metadata is not valid YAML/,
    );
  });

  test('duplicate keys are refused', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\ntitle: U\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:2:1: error: The key `title` is given twice [book-yaml-syntax]',
      '  hint: keep one `title:` line (the first is at line 1)',
    ]);
  });

  test('a folder without book.yaml and a missing input are clear errors', async () => {
    const dir = bookFolder({ 'a.md': '' });
    expect((await messagesOf(dir))[0]).toBe('book.yaml: error: No book.yaml in the book folder [input-missing]');
    const missing = path.join(dir, 'nope');
    expect((await messagesOf(dir, missing))[0]).toMatch(/nope: error: Input not found/);
  });
});

describe('a single .md file', () => {
  test('takes its metadata from the front matter, with positions in the .md file', async () => {
    const dir = bookFolder({ 'book.md': '---\ntitle: T\nlang: 42\n---\n\nText.\n' });
    expect(await messagesOf(dir, path.join(dir, 'book.md'))).toEqual([
      'book.md:3:7: error: `lang` must be text, not a number [book-yaml-invalid]',
      '  hint: use a language tag such as en, en-GB, de, fr or zh-Hans',
    ]);
  });

  test('a title or a name made of characters neither output can hold: each removed with a warning, then empty is an error', async () => {
    // YAML escapes write what no file can: a lone surrogate, a control character.
    const dir = bookFolder({ 'book.md': '---\ntitle: "\\uD800"\nauthor: ["A", "\\x01"]\n---\n\nText.\n' });
    const removed =
      '  hint: such characters are invisible and neither a PDF nor an EPUB can hold them; remove the escape (\\0, \\e, \\x07…)';
    expect(await messagesOf(dir, path.join(dir, 'book.md'))).toEqual([
      'book.md:2:8: warning: Control character U+D800 removed from a text in book metadata [text-control-character]',
      removed,
      'book.md:2:8: error: `title` must not be empty [book-yaml-invalid]',
      '  hint: add `title: Your Title` at the top',
      'book.md:3:15: warning: Control character U+0001 removed from a text in book metadata [text-control-character]',
      removed,
      'book.md:3:15: error: `author.1` must not be empty [book-yaml-invalid]',
      '  hint: see “book.yaml” in the README',
    ]);
  });

  test('aliases that expand without end (a billion laughs) are an error at the first alias, not a crash', async () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, from] of ['ba', 'cb', 'dc'].map(([n = '', f = '']) => [n, f])) {
      rows.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${from}`).join(', ')}]`);
    }
    const dir = bookFolder({ 'book.md': `---\ntitle: T\n${rows.join('\n')}\n---\n\nText.\n` });
    expect(await messagesOf(dir, path.join(dir, 'book.md'))).toEqual([
      'book.md:4:8: error: book metadata expands its aliases (*name) to too much [book-yaml-invalid]',
      '  hint: write the values out instead of repeating anchors (&name) through aliases',
    ]);
  });

  test('without front matter it says how to add one', async () => {
    const dir = bookFolder({ 'book.md': '# Just text\n' });
    expect((await messagesOf(dir, path.join(dir, 'book.md')))[0]).toBe(
      'book.md:1:1: error: A single-file book needs YAML front matter with a title [book-yaml-invalid]',
    );
  });

  test('author may be a string or a list', async () => {
    const one = await loadConfig(path.join(bookFolder({ 'b.md': '---\ntitle: T\nauthor: A\n---\n' }), 'b.md'));
    const two = await loadConfig(path.join(bookFolder({ 'b.md': '---\ntitle: T\nauthor: [A, B]\n---\n' }), 'b.md'));
    expect(one.config?.author).toBe('A');
    expect(two.config?.author).toEqual(['A', 'B']);
  });
});

describe('values a calendar or a file system would refuse', () => {
  test.each(['2026-02-30', '2026-13-01', '2025-02-29', '2026-01-05T25:00'])('date %s is refused', async (date) => {
    const dir = bookFolder({ 'book.yaml': `title: T\ndate: ${date}\n`, 'a.md': '' });
    expect((await messagesOf(dir))[0]).toBe(
      'book.yaml:2:7: error: `date` is not a day of the calendar [book-yaml-invalid]',
    );
  });

  test.each(['2024-02-29', '2026', '2026-01', '2026-01-05T10:30:00+09:00'])('date %s is accepted', async (date) => {
    const dir = bookFolder({ 'book.yaml': `title: T\ndate: '${date}'\n`, 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([]);
  });
});

describe('lang', () => {
  test('an underscore gets a suggestion', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nlang: en_US\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:2:7: error: `lang` must be a BCP 47 language tag such as en, en-GB, pt-BR or zh-Hans [book-yaml-invalid]',
      '  hint: did you mean en-US? Language tags join their parts with a hyphen',
    ]);
  });

  test('a well-formed tag of no language is a warning', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nlang: xx\n', 'a.md': '' });
    expect((await messagesOf(dir))[0]).toBe('book.yaml:2:7: warning: Unknown language `xx` [book-yaml-invalid]');
    for (const lang of ['en', 'de-AT', 'zh-Hans', 'pt-BR', 'vi']) {
      const ok = bookFolder({ 'book.yaml': `title: T\nlang: ${lang}\n`, 'a.md': '' });
      expect(await messagesOf(ok)).toEqual([]);
    }
  });
});

test('an empty author says so', async () => {
  const dir = bookFolder({ 'book.yaml': 'title: T\nauthor:\n', 'a.md': '' });
  expect(await messagesOf(dir)).toEqual([
    'book.yaml:2:8: error: `author` is empty [book-yaml-invalid]',
    '  hint: write `author: Name` or a list of names',
  ]);
});

test('front matter that is never closed says so', async () => {
  const dir = bookFolder({ 'book.md': '---\ntitle: T\n\n# Chapter\n' });
  expect((await messagesOf(dir, path.join(dir, 'book.md')))[0]).toBe(
    'book.md:1:1: error: The front matter that starts on line 1 is never closed [book-yaml-invalid]',
  );
});

describe('theme and style', () => {
  test('a theme and overrides are read, named papers as points, short colours written out', async () => {
    const yaml =
      "title: T\ntheme: modern\nstyle:\n  page:\n    size: letter\n  colors:\n    link: '#A1B'\n  size:\n    headings: [24, 18]\n";
    const loaded = await loadConfig(bookFolder({ 'book.yaml': yaml, 'a.md': '' }));
    expect(loaded.metaFile.messages).toEqual([]);
    expect(loaded.config?.theme).toBe('modern');
    expect(loaded.config?.style).toEqual({
      page: { size: [612, 792] },
      colors: { link: '#aa11bb' },
      size: { headings: [24, 18] },
    });
  });

  test('the theme is classic unless named; a page may be [width, height] in points', async () => {
    const loaded = await loadConfig(bookFolder({ 'book.yaml': 'title: T\nstyle:\n  page:\n    size: [432, 648]\n' }));
    expect(loaded.config?.theme).toBe('classic');
    expect(loaded.config?.style?.page?.size).toEqual([432, 648]);
  });

  test('a theme that does not exist is one error at its value, naming the themes there are', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\ntheme: moden\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:2:8: error: `theme` must be one of classic, modern or handout [book-yaml-invalid]',
      '  hint: did you mean modern? classic: serif, justified, indented; modern: sans, airy, ragged right; handout: compact, with a notes margin',
    ]);
  });

  test('a language written as a name gets its tag', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nlang: English\n', 'a.md': '' });
    expect((await messagesOf(dir))[1]).toBe('  hint: did you mean en? `lang` takes a language tag, not a name');
  });

  test('a bad override is one error at its value, with what the key takes', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nstyle:\n  size:\n    body: 200\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:4:11: error: `style.size.body` must be from 4 to 96 points [book-yaml-invalid]',
      '  hint: `style.size.body` takes 4 to 96 pt',
    ]);
    const page = bookFolder({ 'book.yaml': 'title: T\nstyle:\n  page: { size: a3 }\n', 'a.md': '' });
    expect(await messagesOf(page)).toEqual([
      'book.yaml:3:17: error: `style.page.size` must be a4, letter, a5 or 6x9, a size such as 210x297mm, or [width, height] in points (144 to 14400) [book-yaml-invalid]',
      '  hint: `style.page.size` takes `a4`, `letter`, `a5`, `6x9`, a size such as `210x297mm` or `8.5x11in`, or `[width, height]` in points',
    ]);
  });

  test('faces must be registered families, and code’s monospaced', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nstyle:\n  fonts:\n    body: Arial\n    mono: Literata\n' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:4:11: error: `style.fonts.body` must be one of Literata, Source Sans 3 or JetBrains Mono [book-yaml-invalid]',
      '  hint: `style.fonts.body` takes `Literata`, `Source Sans 3` or `JetBrains Mono`',
      'book.yaml:5:11: error: `style.fonts.mono` must be JetBrains Mono [book-yaml-invalid]',
      '  hint: `style.fonts.mono` takes `JetBrains Mono`',
    ]);
  });

  test('an unquoted colour is a comment, so the value is empty: the hint says to quote it', async () => {
    const dir = bookFolder({ 'book.yaml': 'title: T\nstyle:\n  colors:\n    link: #1d4e89\n', 'a.md': '' });
    expect(await messagesOf(dir)).toEqual([
      'book.yaml:4:11: error: `style.colors.link` is empty [book-yaml-invalid]',
      "  hint: `style.colors.link` takes a hex colour, quoted: `'#1d4e89'`",
    ]);
  });

  test('a misspelt key under style suggests the key it resembles, at any depth', async () => {
    const yaml = "title: T\nstyle:\n  colours:\n    link: '#000000'\n  page:\n    margin:\n      outter: 90\n";
    expect(await messagesOf(bookFolder({ 'book.yaml': yaml, 'a.md': '' }))).toEqual([
      'book.yaml:3:3: warning: Unknown key `colours` under `style` [book-yaml-unknown-key]',
      '  hint: did you mean `colors`?',
      'book.yaml:7:7: warning: Unknown key `outter` under `style.page.margin` [book-yaml-unknown-key]',
      '  hint: did you mean `outer`?',
    ]);
    const far = bookFolder({ 'book.yaml': 'title: T\nstyle:\n  body: 12\n', 'a.md': '' });
    expect((await messagesOf(far))[1]).toBe(
      '  hint: known keys here: fonts, size, leading, colors, page, text, figures',
    );
  });

  test('a single file’s front matter takes the same keys, with positions in the .md file', async () => {
    const dir = bookFolder({
      'b.md': '---\ntitle: T\ntheme: modern\nstyle:\n  text:\n    align: centre\n---\n\nText.\n',
    });
    expect(await messagesOf(dir, path.join(dir, 'b.md'))).toEqual([
      'b.md:6:12: error: `style.text.align` must be left or justify [book-yaml-invalid]',
      '  hint: `style.text.align` takes `left` or `justify`',
    ]);
    const good = bookFolder({ 'b.md': '---\ntitle: T\ntheme: modern\nstyle:\n  size: { body: 12 }\n---\n' });
    const loaded = await loadConfig(path.join(good, 'b.md'));
    expect(loaded.config).toMatchObject({ theme: 'modern', style: { size: { body: 12 } } });
  });
});
