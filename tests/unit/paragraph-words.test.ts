import fc from 'fast-check';
import { expect, test } from 'vitest';
import { countWords, mostWords } from '../../src/plugins/remark-check-paragraphs.js';

const naive = (segmenter: Intl.Segmenter, text: string) =>
  [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;

test('words counted piece by piece are the words counted at once, where the text has spaces', () => {
  const english = new Intl.Segmenter('en', { granularity: 'word' });
  const text = 'The quick brown fox, jumps over “the” lazy dog; it’s 3.5 km. '.repeat(200);
  expect(countWords(english, text)).toBe(naive(english, text));
  expect(countWords(english, '')).toBe(0);
  const chinese = new Intl.Segmenter('zh', { granularity: 'word' });
  const zh = '太初有道，道與神同在，道就是神。'.repeat(100);
  expect(Math.abs(countWords(chinese, zh) - naive(chinese, zh))).toBeLessThanOrEqual(zh.length / 512 + 1);
});

test('the cheap bound is never under the count, in any language’s segmenter', () => {
  const segmenters = ['en', 'de', 'sv', 'ja', 'zh', 'th'].map(
    (lang) => new Intl.Segmenter(lang, { granularity: 'word' }),
  );
  const piece = fc.constantFrom(
    ...[
      'a',
      'Xi',
      '3',
      '3.5',
      '_',
      ' ',
      '\n',
      "'",
      '’',
      '.',
      ',',
      ':',
      '-',
      '–',
      '—',
      '“',
      '”',
      '…',
      '\u00a0',
      '$',
      '@',
    ],
    'x'.repeat(300),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
      const text = pieces.join('');
      const most = mostWords(text);
      expect(most).toBeDefined();
      for (const segmenter of segmenters) expect(most).toBeGreaterThanOrEqual(countWords(segmenter, text));
    }),
    { numRuns: 500 },
  );
  expect(mostWords('Lee Jae-myung met Xi Jinping — “twice.”')).toBe(8);
  expect(mostWords('이재명 대통령')).toBeUndefined();
});
