import type { VFile } from 'vfile';
import { report } from '../types/messages.js';

/**
 * What opens a Markdown source when it is front matter in another language than
 * YAML: `---js`, `---javascript`, `---coffee`, `---toml`… (gray-matter's
 * language fences, which md-to-pdf evaluated: CVE-2021-23639, CVE-2025-65108),
 * or TOML's `+++`. Octavo reads YAML only and evaluates nothing; naming the fence
 * keeps it from being taken for text, or for a book without metadata.
 */
export function foreignFrontMatter(source: string): { fence: string; language: string } | undefined {
  const first = /^[^\n]*/.exec(source)?.[0] ?? '';
  if (/^\+\+\+[ \t]*$/.test(first)) return { fence: '+++', language: 'TOML' };
  const language = /^---[ \t]*([a-z][\w+.-]*)[ \t]*$/i.exec(first)?.[1];
  return language === undefined ? undefined : { fence: first.trim(), language };
}

/** Report a foreign fence at 1:1 of `file`, in the same words for a chapter and a single-file book; true when there is one. */
export function refuseForeignFrontMatter(file: VFile): boolean {
  const found = foreignFrontMatter(String(file.value));
  if (!found) return false;
  report(file, {
    ...problemFor(found),
    ruleId: 'front-matter-language',
    place: { line: 1, column: 1 },
    severity: 'error',
  });
  return true;
}

function problemFor(found: { fence: string; language: string }): {
  reason: string;
  hint: string;
} {
  if (/^ya?ml$/i.test(found.language)) {
    return {
      reason: `Front matter opens with \`---\` alone, not \`${found.fence}\``,
      hint: 'YAML is the only language front matter may be in, so it is not named: write --- on the first line',
    };
  }
  return {
    reason: `Front matter must be YAML: \`${found.fence}\` opens ${found.language === 'TOML' ? 'TOML' : `\`${found.language}\``} front matter, which Octavo never reads or runs`,
    hint: 'open the front matter with a line of three hyphens alone (---) and write it as YAML (title: My Book); if the line is text, start it with a backslash: \\---',
  };
}
