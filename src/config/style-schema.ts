import { z } from 'zod';
import { fontFamilies, monospaced } from '../../styles/fonts.js';
import { parsePaper, papers, type PaperSize } from '../../styles/paper.js';
import type { StyleOverrides } from '../../styles/resolve.js';

/**
 * book.yaml's `style:`: overrides of the theme's design tokens, in the tokens'
 * own shape (styles/tokens.ts) and units. Every key says what it takes and
 * what it does next to its rule: the README's table is generated from these
 * (src/config/schema-doc.ts), and the loader's hints quote them.
 */

/** "a, b or c", for messages. */
export function oneOf(values: readonly string[]): string {
  return values.length < 2 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** A length or size in points, within limits that still make a page. */
function points(min: number, max: number, description: string) {
  const message = `must be from ${min} to ${max} points`;
  return z.number().min(min, message).max(max, message).optional().meta({ description, unit: 'pt' });
}

const family = (names: readonly string[], description: string) =>
  z
    .enum(names as [string, ...string[]], { error: `must be ${names.length > 1 ? 'one of ' : ''}${oneOf(names)}` })
    .optional()
    .meta({ description });

const size = (description: string) => points(4, 96, description);

const leading = (description: string) =>
  z
    .number()
    .min(1, 'must be from 1 to 3 (times the font size)')
    .max(3, 'must be from 1 to 3 (times the font size)')
    .optional()
    .meta({ description, unit: '× the font size' });

/** #rgb or #rrggbb; written out in full, the form both react-pdf and every EPUB reader take. */
const colour = (description: string) =>
  z
    .string()
    .regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #1d4e89')
    .transform((hex) => (hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (d) => d + d) : hex).toLowerCase())
    .optional()
    .meta({ description, values: "a hex colour, quoted: `'#1d4e89'`" });

const paperNames = Object.keys(papers);

/** A named or measured paper (as `--paper` takes it), or [width, height] in points. */
const pageSize = z
  .union(
    [
      z.string().transform((value, ctx): PaperSize => {
        const size = parsePaper(value);
        if (!size) ctx.addIssue({ code: 'custom', message: 'is not a paper size' });
        return size ?? [0, 0];
      }),
      z.tuple([z.number().min(144).max(14400), z.number().min(144).max(14400)]),
    ],
    { error: `must be ${oneOf(paperNames)}, a size such as 210x297mm, or [width, height] in points (144 to 14400)` },
  )
  .optional()
  .meta({
    description: 'the page; the margins scale with it unless `margin` sets them',
    values: `${paperNames.map((name) => `\`${name}\``).join(', ')}, a size such as \`210x297mm\` or \`8.5x11in\`, or \`[width, height]\` in points`,
  });

export const styleSchema = z
  .object({
    fonts: z
      .object({
        body: family(Object.keys(fontFamilies), 'the text face'),
        heading: family(Object.keys(fontFamilies), 'the face of the title and headings'),
        mono: family(monospaced, 'the face of code; only a monospaced family can set it'),
      })
      .optional(),
    size: z
      .object({
        body: size('the text size'),
        small: size('tables, captions, notes and the footer'),
        code: size('code, inline and in blocks'),
        headings: z
          .array(
            z
              .number()
              .min(4, 'must be from 4 to 96 points')
              .max(96, 'must be from 4 to 96 points')
              .meta({ unit: 'pt' }),
          )
          .min(1, 'must list at least one size')
          .max(6, 'must list at most six sizes, for levels 1 to 6')
          .optional()
          .meta({ description: 'sizes of headings from level 1 on; levels not listed keep the theme’s', unit: 'pt' }),
        title: size('the book’s title'),
        subtitle: size('the subtitle and the author'),
      })
      .optional(),
    leading: z
      .object({
        body: leading('line height of the text'),
        heading: leading('line height of the title and headings'),
        code: leading('line height of code blocks'),
      })
      .optional(),
    colors: z
      .object({
        text: colour('the text (the EPUB leaves it to the reader)'),
        muted: colour('dates, captions, block quotes, the footer'),
        link: colour('links'),
        rule: colour('rules and table lines'),
        codeBackground: colour('behind code'),
        quoteBar: colour('the bar beside block quotes'),
      })
      .optional(),
    page: z
      .object({
        size: pageSize,
        margin: z
          .object({
            top: points(0, 288, 'the top margin'),
            bottom: points(0, 288, 'the bottom margin (the footer sits in it)'),
            inner: points(0, 288, 'the left margin; on both sides of the paper, the margin by the spine'),
            outer: points(0, 288, 'the right margin (the handout’s notes margin); on both sides, the one at the edge'),
          })
          .optional(),
        twoSided: z.boolean({ error: 'must be true or false' }).optional().meta({
          description:
            'printed on both sides of the paper: margins mirrored on even pages, and every chapter starting on an odd (right-hand) page, after a blank one when needed; `--profile handout` stays one-sided',
          fallback: '`false`',
        }),
      })
      .optional(),
    text: z
      .object({
        align: z.enum(['left', 'justify'], { error: 'must be left or justify' }).optional().meta({
          description:
            '`justify`: both edges even (in the PDF, in languages with hyphenation patterns, Chinese and Japanese; others stay ragged right); `left`: ragged right',
        }),
        firstLineIndent: points(0, 72, 'indent of a paragraph that follows another; 0 for none'),
      })
      .optional(),
    figures: z
      .object({
        numbered: z.boolean({ error: 'must be true or false' }).optional().meta({
          description:
            'captions of figures (images alone in their paragraph) start with “Figure 1.”, numbered through the book; the handout’s are',
        }),
      })
      .optional(),
  })
  .optional()
  .meta({
    description: 'overrides of the theme’s look: see [Themes and style](#themes-and-style)',
    fallback: 'the theme’s',
  });

// The parsed style must be what styles/resolve.ts takes.
styleSchema satisfies z.ZodType<StyleOverrides | undefined, unknown>;
