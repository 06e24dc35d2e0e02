/** Latin letters that do not decompose into a base letter and a mark. */
const letters: Record<string, string> = { ß: 'ss', ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', þ: 'th' };

/** A file name from a title: ASCII letters and digits joined by hyphens. */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßłđøæœþ]/g, (letter) => letters[letter] ?? letter);
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= 80) return slug || 'book';
  // A long title is cut between words where it can be.
  const cut = slug.slice(0, 81).lastIndexOf('-');
  return slug.slice(0, cut >= 40 ? cut : 80).replace(/-+$/, '');
}
