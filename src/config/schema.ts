import { z } from 'zod';
import { themeNames } from '../../styles/themes/index.js';
import { oneOf, styleSchema } from './style-schema.js';

// Control characters never get here: the loader removes them from every YAML scalar, with a warning.
const text = z.string().trim().min(1, 'must not be empty');

/** BCP 47 language tag, checked for shape (language, optional script, region, variants). */
const bcp47 = /^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$/;

/** ISO 8601 date, optionally with a time and a zone. */
const iso8601 = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** Date.parse rolls 2026-02-30 over to March 2: check the day exists and the time is a time. */
function isCalendarDate(value: string): boolean {
  const [, year, month = '01', day = '01', hour = '00', minute = '00'] =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?/.exec(value) ?? [];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60
  );
}

/**
 * The keys a book.yaml or a single file's front matter may hold. Each says what
 * it is for next to its rule: the README's table of keys is generated from
 * these descriptions (src/config/schema-doc.ts), and a test keeps the two equal.
 */
export const bookSchema = z.object({
  title: text.meta({ description: 'the book’s title' }),
  subtitle: text.optional().meta({ description: 'under the title' }),
  author: z
    .union([text, z.array(text).min(1, 'must list at least one author')], { error: 'must be text or a list of texts' })
    .optional()
    .meta({ description: 'a name or a list of names' }),
  lang: z
    .string()
    .regex(bcp47, 'must be a BCP 47 language tag such as en, en-GB, pt-BR or zh-Hans')
    .default('en')
    .meta({
      description: 'the language: quotation marks, hyphenation and justification follow it',
      values: 'a BCP 47 tag: `en`, `en-GB`, `de`, `pt-BR`, `zh-Hans`, …',
    }),
  date: z
    .string()
    .regex(iso8601, { message: 'must be an ISO 8601 date such as 2026-01-05', abort: true })
    .refine(isCalendarDate, 'is not a day of the calendar')
    .optional()
    .meta({
      description: 'the date both outputs carry (unless `SOURCE_DATE_EPOCH` is set)',
      values: 'an ISO 8601 date: `2026-01-05`, `2026-01`, `2026`',
    }),
  description: text.optional().meta({ description: 'the EPUB’s description and the PDF’s subject' }),
  publisher: text.optional().meta({ description: 'the publisher' }),
  rights: text.optional().meta({ description: 'the rights statement, written only when given' }),
  identifier: text.optional().meta({
    description: 'the EPUB’s identifier, such as `urn:isbn:…`',
    fallback: 'a `urn:uuid` hashed from the content',
  }),
  cover: text.optional().meta({
    description: 'a PNG or JPEG relative to book.yaml: the EPUB’s cover image (1600 × 2560 px suits every store)',
    fallback:
      'a typographic cover drawn from the title, subtitle, author and publisher in the theme’s faces and colour',
  }),
  chapters: z.array(text).min(1, 'must list at least one chapter').optional().meta({
    description: '.md files relative to book.yaml, in reading order',
    fallback: 'every .md in the folder, by name',
  }),
  theme: z
    .enum(themeNames, { error: `must be one of ${oneOf(themeNames)}` })
    .default('classic')
    .meta({ description: 'the look: see [Themes and style](#themes-and-style)' }),
  style: styleSchema,
  pdf: z
    .object({
      titlePage: z.boolean({ error: 'must be true or false' }).optional().meta({
        description:
          'a page of its own for the title, subtitle, authors, publisher and date; without it the title stands over the first chapter',
        fallback: '`true` for a book of more than one chapter in a theme whose chapters start new pages',
      }),
      toc: z.boolean({ error: 'must be true or false' }).optional().meta({
        description:
          'a table of contents after the title page: every chapter and section with its page, each a link to it',
        fallback: 'as `titlePage`',
      }),
      tocDepth: z
        .number()
        .int('must be a whole number from 1 to 6')
        .min(1, 'must be a whole number from 1 to 6')
        .max(6, 'must be a whole number from 1 to 6')
        .default(3)
        .meta({ description: 'the deepest heading level the table of contents lists' }),
      footnotes: z.enum(['page', 'chapter'], { error: 'must be page or chapter' }).default('page').meta({
        description:
          'where the PDF sets a footnote: at the foot of the page that cites it, or with the other notes after its chapter (the EPUB keeps them after each chapter)',
      }),
    })
    .optional()
    .meta({ description: 'the front pages and the notes of the PDF' }),
  epub: z
    .object({
      embedFonts: z.boolean({ error: 'must be true or false' }).default(false).meta({
        description:
          'carry the theme’s fonts in the EPUB, cut down to the characters the book uses, so readers that allow it show its faces',
      }),
      downscaleImages: z.boolean({ error: 'must be true or false' }).default(false).meta({
        description: 'scale images over 4 megapixels down to 4 megapixels in the EPUB; the PDF keeps every pixel',
      }),
    })
    .optional()
    .meta({ description: 'how the EPUB is packaged' }),
});

export type BookConfig = z.infer<typeof bookSchema>;

/** Every key the schema knows, for the unknown-key warning and its suggestion. */
export const knownKeys: readonly string[] = Object.keys(bookSchema.shape);
