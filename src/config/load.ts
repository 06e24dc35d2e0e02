import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Point } from 'unist';
import { VFile } from 'vfile';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type YAMLMap,
} from 'yaml';
import { report } from '../types/messages.js';
import { nearest } from '../plugins/nearest.js';
import { readSource } from '../resources/read-source.js';
import type { z } from 'zod';
import { themeNames } from '../../styles/themes/index.js';
import { bookSchema, type BookConfig } from './schema.js';
import { keysAt, valuesAt } from './schema-doc.js';

/** A path named in the config, with where it was named (for messages). */
export interface NamedPath {
  /** Absolute path. */
  path: string;
  /** As written. */
  written: string;
  place?: Point;
}

/** What loading a book's configuration yields. */
export interface LoadedConfig {
  /** Folder of the book: every file it uses must lie inside it. */
  root: string;
  /** book.yaml, or the single .md file (which is then also the only chapter). */
  metaFile: VFile;
  config?: BookConfig;
  chapters: NamedPath[];
  cover?: NamedPath;
}

/** Read and validate a book: a folder with book.yaml, or one .md file with front matter. */
export async function loadConfig(input: string): Promise<LoadedConfig> {
  const absolute = path.resolve(input);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    const file = new VFile({ path: input });
    report(file, {
      reason: `Input not found: ${input}`,
      ruleId: 'input-missing',
      hint: 'pass a book folder (with book.yaml) or a .md file; the default is manuscript/',
      severity: 'error',
    });
    return { root: absolute, metaFile: file, chapters: [] };
  }
  return info.isDirectory() ? loadFolder(absolute) : loadSingleFile(absolute);
}

async function loadFolder(root: string): Promise<LoadedConfig> {
  const yamlPath = path.join(root, 'book.yaml');
  const metaFile = await readSource(yamlPath).catch(() => undefined);
  if (!metaFile) {
    const file = new VFile({ path: yamlPath });
    report(file, {
      reason: 'No book.yaml in the book folder',
      ruleId: 'input-missing',
      hint: 'create book.yaml with at least `title:`, or pass a single .md file with front matter',
      severity: 'error',
    });
    return { root, metaFile: file, chapters: [] };
  }
  if (tooLarge(metaFile)) return { root, metaFile, chapters: [] };
  const config = parseConfig(metaFile, String(metaFile.value), { line: 0 });
  const loaded: LoadedConfig = { root, metaFile, chapters: [] };
  if (!config) return loaded;
  loaded.config = config.value;
  const named = (written: string, at: (string | number)[]): NamedPath => {
    const place = config.pointOf(at);
    return { path: path.resolve(root, written), written, ...(place ? { place } : {}) };
  };
  if (config.value.cover) loaded.cover = named(config.value.cover, ['cover']);
  if (config.value.chapters) {
    loaded.chapters = config.value.chapters.map((written, index) => named(written, ['chapters', index]));
  } else {
    const names = (await readdir(root)).filter((name) => name.toLowerCase().endsWith('.md'));
    names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    loaded.chapters = names.map((name) => ({ path: path.join(root, name), written: name }));
    if (loaded.chapters.length === 0) {
      report(metaFile, {
        reason: 'The book has no chapters: no .md file next to book.yaml',
        ruleId: 'chapter-none',
        hint: 'add .md files to the folder, or list them under `chapters:` in book.yaml',
        severity: 'error',
      });
    }
  }
  return loaded;
}

async function loadSingleFile(filePath: string): Promise<LoadedConfig> {
  const root = path.dirname(filePath);
  const metaFile = await readSource(filePath).catch(() => undefined);
  if (!metaFile) {
    const file = new VFile({ path: filePath });
    report(file, {
      reason: 'The input is not a file Octavo can read',
      ruleId: 'input-missing',
      hint: 'pass a book folder (with book.yaml) or a .md file',
      severity: 'error',
    });
    return { root, metaFile: file, chapters: [] };
  }
  const loaded: LoadedConfig = { root, metaFile, chapters: [{ path: filePath, written: path.basename(filePath) }] };
  if (tooLarge(metaFile)) return loaded;
  const source = String(metaFile.value);
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(source);
  if (!match) {
    const unclosed = /^---\r?\n/.test(source);
    report(metaFile, {
      reason: unclosed
        ? 'The front matter that starts on line 1 is never closed'
        : 'A single-file book needs YAML front matter with a title',
      ruleId: 'book-yaml-invalid',
      place: { line: 1, column: 1 },
      hint: unclosed ? 'end it with a line of three hyphens: ---' : 'start the file with:\n---\ntitle: My Book\n---',
      severity: 'error',
    });
    return loaded;
  }
  const config = parseConfig(metaFile, match[1] ?? '', { line: 1 });
  if (!config) return loaded;
  loaded.config = config.value;
  if (config.value.chapters) {
    report(metaFile, {
      reason: '`chapters` has no effect in a single-file book',
      ruleId: 'book-yaml-unknown-key',
      ...placeOf(config.pointOf(['chapters'])),
      hint: 'move the metadata to book.yaml in a folder to make a book of several chapters',
      severity: 'warning',
    });
  }
  if (config.value.cover) {
    const place = config.pointOf(['cover']);
    loaded.cover = {
      path: path.resolve(root, config.value.cover),
      written: config.value.cover,
      ...(place ? { place } : {}),
    };
  }
  return loaded;
}

/** A file refused for its size was not read: there is nothing in it to parse. */
function tooLarge(file: VFile): boolean {
  return file.messages.some((message) => message.ruleId === 'source-too-large');
}

function placeOf(point: Point | undefined): { place?: Point } {
  return point ? { place: point } : {};
}

interface ParsedConfig {
  value: BookConfig;
  /** Where the value at a path in the YAML starts, in the file's coordinates. */
  pointOf: (at: (string | number)[]) => Point | undefined;
}

/**
 * Parse YAML text that starts `offset.line` lines into `file`, validate it, and
 * report every problem at its line. Returns undefined when the config is unusable.
 */
function parseConfig(file: VFile, text: string, offset: { line: number }): ParsedConfig | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPoint = (pos: number): Point => {
    const { line, col } = lineCounter.linePos(pos);
    return { line: line + offset.line, column: col };
  };
  for (const error of doc.errors) {
    const duplicate =
      error.code === 'DUPLICATE_KEY' ? /^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0].trim() : undefined;
    report(file, {
      reason: duplicate
        ? `The key \`${duplicate}\` is given twice`
        : `book metadata is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      ruleId: 'book-yaml-syntax',
      place: toPoint(error.pos[0]),
      hint: duplicate
        ? `keep one \`${duplicate}:\` line (the first is at line ${firstLineOf(text, duplicate, offset.line)})`
        : 'check indentation and quote values that contain ": " or start with a special character',
      severity: 'error',
    });
  }
  if (doc.errors.length > 0) return undefined;
  const pointOf = (at: (string | number)[]): Point | undefined => {
    const node = doc.getIn(at, true) as YamlNode | undefined;
    const start = node?.range?.[0];
    return start === undefined ? keyPoint(doc, at, toPoint) : toPoint(start);
  };
  const contents = doc.contents;
  if (!isMap(contents)) {
    report(file, {
      reason: 'book metadata must be a mapping of keys to values',
      ruleId: 'book-yaml-invalid',
      place: toPoint(contents?.range?.[0] ?? 0),
      hint: 'write one `key: value` per line, starting with `title:`',
      severity: 'error',
    });
    return undefined;
  }
  const unknown = unknownKeys(contents, [], toPoint);
  const result = bookSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  // A required key that is missing because it is misspelt is one problem, not two.
  const missing = new Set(
    result.success
      ? []
      : result.error.issues
          .map((issue) => issue.path.filter((p): p is string | number => typeof p !== 'symbol').join('.'))
          .filter((name) => !doc.hasIn(name.split('.'))),
  );
  for (const key of unknown) {
    const meant = key.near === undefined ? undefined : [...key.at, key.near].join('.');
    const misspelt = meant !== undefined && missing.has(meant);
    if (misspelt) missing.delete(meant);
    report(file, {
      reason: misspelt
        ? `Unknown key \`${key.key}\` ${key.within}, and \`${meant}\` is missing`
        : `Unknown key \`${key.key}\` ${key.within}`,
      ruleId: misspelt ? 'book-yaml-invalid' : 'book-yaml-unknown-key',
      place: key.point,
      hint: key.near
        ? `did you mean \`${key.near}\`?`
        : `known keys${key.at.length === 0 ? '' : ' here'}: ${key.known.join(', ')}`,
      severity: misspelt ? 'error' : 'warning',
    });
  }
  if (result.success) {
    checkLanguage(file, result.data.lang, pointOf(['lang']));
    return { value: result.data, pointOf };
  }
  for (const issue of result.error.issues) {
    const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const name = at.length > 0 ? at.join('.') : 'book metadata';
    // Reported above, at the misspelt key.
    if (!doc.hasIn(at) && !missing.has(name)) continue;
    const point = pointOf(at) ?? { line: offset.line + 1, column: 1 };
    report(file, {
      reason: `\`${name}\` ${describeIssue(issue, doc.getIn(at), doc.hasIn(at))}`,
      ruleId: 'book-yaml-invalid',
      place: point,
      hint: hintFor(at, doc.getIn(at)),
      severity: 'error',
    });
  }
  return undefined;
}

interface UnknownKey {
  key: string;
  /** Where the mapping that holds it sits (`[]` for the top level, `['style']`…). */
  at: string[];
  within: string;
  known: string[];
  /** The nearest known key at the same level, when one is near. */
  near: string | undefined;
  point: Point;
}

/**
 * Every key the schema does not know, in the mapping `map` at `at` and in the
 * mappings under it (`style:` and its groups), with the nearest known key at the
 * same level: a misspelt key would otherwise be ignored in silence.
 */
function unknownKeys(map: YAMLMap, at: string[], toPoint: (pos: number) => Point): UnknownKey[] {
  const known = keysAt(at) ?? [];
  const found: UnknownKey[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (known.includes(key)) {
      if (isMap(pair.value)) found.push(...unknownKeys(pair.value, [...at, key], toPoint));
      continue;
    }
    found.push({
      key,
      at,
      within: at.length === 0 ? 'in book metadata' : `under \`${at.join('.')}\``,
      known,
      near: nearest(key, known),
      point: toPoint(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0),
    });
  }
  return found;
}

/** Zod's issue in the words of someone editing a YAML file. */
function describeIssue(issue: z.core.$ZodIssue, value: unknown, present: boolean): string {
  if (issue.code === 'invalid_union') return value === null ? 'is empty' : issue.message;
  if (issue.code === 'invalid_value' && !present) return 'is required';
  if (issue.code !== 'invalid_type') return issue.message;
  if (!present) return 'is required';
  if (value === null) return 'is empty';
  const found = isSeq(value)
    ? 'a list'
    : isMap(value)
      ? 'a mapping'
      : typeof value === 'string'
        ? 'text'
        : `a ${typeof value}`;
  const expected = { array: 'a list', string: 'text', number: 'a number', object: 'a mapping' }[
    issue.expected as string
  ];
  return `must be ${expected ?? issue.expected}, not ${found}`;
}

function keyPoint(doc: Document, at: (string | number)[], toPoint: (pos: number) => Point): Point | undefined {
  if (at.length !== 1 || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === at[0]);
  const start = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  return start === undefined ? undefined : toPoint(start);
}

/** Language names people write for `lang`, with the tag they mean. */
const languageNames: Record<string, string> = {
  english: 'en',
  french: 'fr',
  français: 'fr',
  german: 'de',
  deutsch: 'de',
  spanish: 'es',
  español: 'es',
  italian: 'it',
  italiano: 'it',
  dutch: 'nl',
  portuguese: 'pt',
  russian: 'ru',
  polish: 'pl',
  chinese: 'zh',
  japanese: 'ja',
  korean: 'ko',
  greek: 'el',
  vietnamese: 'vi',
};

const hints: Record<string, string> = {
  title: 'add `title: Your Title` at the top',
  author: 'write `author: Name` or a list of names',
  lang: 'use a language tag such as en, en-GB, de, fr or zh-Hans',
  date: 'write the date as YYYY-MM-DD, e.g. 2026-01-05',
  chapters: 'list .md files relative to book.yaml, one per line, each after "- "',
  theme: 'classic: serif, justified, indented; modern: sans, airy, ragged right; handout: compact, with a notes margin',
};

/** A hint for a bad value: the key's own advice, else what the schema says it takes. */
function hintFor(at: (string | number)[], value: unknown): string {
  const key = at.length === 1 ? at[0] : undefined;
  if (key === 'lang' && typeof value === 'string' && /^[a-z]{2,3}_[a-z]{2}$/i.test(value)) {
    return `did you mean ${value.replace('_', '-')}? Language tags join their parts with a hyphen`;
  }
  if (key === 'lang' && typeof value === 'string' && languageNames[value.trim().toLowerCase()]) {
    return `did you mean ${languageNames[value.trim().toLowerCase()]}? \`lang\` takes a language tag, not a name`;
  }
  if (key === 'theme' && typeof value === 'string') {
    const near = nearest(value, themeNames);
    if (near) return `did you mean ${near}? ${hints.theme}`;
  }
  if (typeof key === 'string' && hints[key]) return hints[key];
  const values = valuesAt(at);
  return values ? `\`${at.join('.')}\` takes ${values}` : 'see “book.yaml” in the README';
}

/** A well-formed tag can still name no language (`xx`): warn, since hyphenation and labels follow it. */
function checkLanguage(file: VFile, lang: string, place: Point | undefined): void {
  let known: string | undefined;
  try {
    known = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(lang);
  } catch {
    known = undefined;
  }
  if (known !== undefined) return;
  report(file, {
    reason: `Unknown language \`${lang}\``,
    ruleId: 'book-yaml-invalid',
    place,
    hint: 'use an ISO 639 language code, such as en, de, fr, pl or zh-Hans',
    severity: 'warning',
  });
}

/** The line of the first `key:` at the start of a line in `text`, in the file's coordinates. */
function firstLineOf(text: string, key: string, offset: number): number {
  const index = text.split('\n').findIndex((line) => line.replace(/^\s+/, '').startsWith(`${key}:`));
  return index + 1 + offset;
}
