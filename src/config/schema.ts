import { z } from 'zod';

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

/** The keys a book.yaml or a single file's front matter may hold. */
export const bookSchema = z.object({
  title: text,
  subtitle: text.optional(),
  author: z.union([text, z.array(text).min(1, 'must list at least one author')]).optional(),
  lang: z.string().regex(bcp47, 'must be a BCP 47 language tag such as en, en-GB, pt-BR or zh-Hans').default('en'),
  date: z
    .string()
    .regex(iso8601, { message: 'must be an ISO 8601 date such as 2026-01-05', abort: true })
    .refine(isCalendarDate, 'is not a day of the calendar')
    .optional(),
  description: text.optional(),
  publisher: text.optional(),
  rights: text.optional(),
  identifier: text.optional(),
  cover: text.optional(),
  chapters: z.array(text).min(1, 'must list at least one chapter').optional(),
});

export type BookConfig = z.infer<typeof bookSchema>;

/** Every key the schema knows, for the unknown-key warning and its suggestion. */
export const knownKeys: readonly string[] = Object.keys(bookSchema.shape);
