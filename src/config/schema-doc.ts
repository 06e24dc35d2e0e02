import { z } from 'zod';
import { bookSchema } from './schema.js';
import { oneOf } from './style-schema.js';

/**
 * The book.yaml schema described for people: the README's table of keys, the
 * keys a mapping may hold (for the unknown-key warning) and what a key takes
 * (for hints). Read from the JSON Schema zod derives, so the words follow the
 * rules: ranges, choices and defaults are the schema's own; only the
 * descriptions (and a `values` text where a pattern says nothing to a reader)
 * are written by hand, next to each rule.
 */
interface Node {
  type?: string;
  properties?: Record<string, Node>;
  required?: string[];
  enum?: string[];
  anyOf?: Node[];
  items?: Node;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  values?: string;
  unit?: string;
  fallback?: string;
}

const root = z.toJSONSchema(bookSchema, { io: 'input', unrepresentable: 'any' }) as Node;

/** The schema node at a path of keys (list indexes step into `items`). */
function nodeAt(at: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of at) {
    const properties: Record<string, Node> | undefined = node?.properties;
    // Own keys only: `constructor` or `__proto__` in book.yaml must not find Object's.
    node =
      typeof key === 'number'
        ? node?.items
        : properties && Object.hasOwn(properties, key)
          ? properties[key]
          : undefined;
  }
  return node;
}

/** The keys the mapping at `at` may hold, or undefined when it is not a mapping. */
export function keysAt(at: readonly (string | number)[]): string[] | undefined {
  const properties = nodeAt(at)?.properties;
  return properties ? Object.keys(properties) : undefined;
}

/** What the key at `at` takes, in words, or undefined for a key the schema lacks. */
export function valuesAt(at: readonly (string | number)[]): string | undefined {
  const node = nodeAt(at);
  return node ? values(node) : undefined;
}

function values(node: Node, unit = node.unit): string {
  if (node.values) return node.values;
  if (node.enum) return oneOf(node.enum.map((value) => `\`${value}\``));
  if (node.anyOf) return node.anyOf.map((option) => values(option, unit)).join(' or ');
  if (node.type === 'number' || node.type === 'integer')
    return `${node.minimum} to ${node.maximum}${unit ? ` ${unit}` : ''}`;
  if (node.type === 'object') return 'a mapping';
  if (node.type === 'boolean') return '`true` or `false`';
  if (node.type !== 'array' || !node.items) return 'text';
  const count = node.maxItems === undefined ? '' : `${node.minItems ?? 0} to ${node.maxItems} `;
  const items = node.items.type === 'number' ? `numbers, each ${values(node.items, unit)}` : 'texts';
  return `a list of ${count}${items}`;
}

export interface KeyDoc {
  /** Dotted: `style.size.body`. */
  key: string;
  values: string;
  default: string;
  description: string;
}

/** Every key a book can set, in the schema's order: the leaves, and any mapping that describes itself. */
export function schemaKeys(): KeyDoc[] {
  const rows: KeyDoc[] = [];
  const walk = (node: Node, prefix: string, fallback: string | undefined): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const name = prefix + key;
      const inherited = child.fallback ?? fallback;
      const shown =
        child.default !== undefined
          ? `\`${String(child.default)}\``
          : node.required?.includes(key)
            ? 'required'
            : (inherited ?? '');
      if (!child.properties || child.description) {
        rows.push({ key: name, values: values(child), default: shown, description: child.description ?? '' });
      }
      if (child.properties) walk(child, `${name}.`, inherited);
    }
  };
  walk(root, '', undefined);
  return rows;
}

/** The README's table of book.yaml keys, in Markdown. */
export function schemaTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = schemaKeys().map(
    (row) => `| \`${row.key}\` | ${cell(row.values)} | ${cell(row.default)} | ${cell(row.description)} |`,
  );
  return ['| key | takes | default | what it is |', '|---|---|---|---|', ...lines].join('\n');
}
