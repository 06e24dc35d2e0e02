import { describe, expect, test } from 'vitest';
import {
  allAtEnd,
  emptyPlan,
  nextNotePlan,
  samePlan,
  type FootNote,
  type NotePlan,
} from '../../src/writers/pdf/footnote-plan.js';

const notes: FootNote[] = [
  { id: 'a', height: 20 },
  { id: 'b', height: 20 },
  { id: 'c', height: 20 },
];
const room = 100;

/** A rendering that put each note's reference on the given page of flow `ch01`, in a flow of `pages` pages. */
const landed = (pages: Record<string, number>, flowPages = 5) => ({
  pageOf: new Map(Object.entries(pages).map(([id, page]) => [id, `ch01:${page}`])),
  flowPages: new Map([['ch01', flowPages]]),
});

const foot = (plan: NotePlan): Record<string, readonly string[]> => Object.fromEntries(plan.foot);

describe('where footnotes go', () => {
  test('each note goes under the page its reference landed on, in order', () => {
    const plan = nextNotePlan(emptyPlan, landed({ a: 1, b: 1, c: 2 }), notes, room);
    expect(foot(plan)).toEqual({ 'ch01:1': ['a', 'b'], 'ch01:2': ['c'] });
    expect([...plan.atEnd]).toEqual([]);
  });

  test('a plan the rendering confirms is the same plan: the notes have settled', () => {
    const plan = nextNotePlan(emptyPlan, landed({ a: 1, b: 1, c: 2 }), notes, room);
    expect(samePlan(nextNotePlan(plan, landed({ a: 1, b: 1, c: 2 }), notes, room), plan)).toBe(true);
  });

  test('a reference its note pushed over moves the note with it', () => {
    const first = nextNotePlan(emptyPlan, landed({ a: 1, b: 1, c: 2 }), notes, room);
    const second = nextNotePlan(first, landed({ a: 1, b: 2, c: 2 }), notes, room);
    expect(foot(second)).toEqual({ 'ch01:1': ['a'], 'ch01:2': ['b', 'c'] });
    expect(samePlan(second, first)).toBe(false);
  });

  test('a note that would go back and forth settles on the page after its reference', () => {
    // Under page 1, b pushes its reference to page 2; under page 2, the reference comes back.
    const first = nextNotePlan(emptyPlan, landed({ a: 1, b: 1, c: 2 }), notes, room);
    const second = nextNotePlan(first, landed({ a: 1, b: 2, c: 2 }), notes, room);
    const third = nextNotePlan(second, landed({ a: 1, b: 1, c: 2 }), notes, room);
    expect(foot(third)).toEqual({ 'ch01:1': ['a'], 'ch01:2': ['b', 'c'] });
    expect([...third.deferred]).toEqual(['b']);
    // …and stays there.
    expect(samePlan(nextNotePlan(third, landed({ a: 1, b: 1, c: 2 }), notes, room), third)).toBe(true);
  });

  test('there is no page after the last one: such a note goes after the chapter', () => {
    const first = nextNotePlan(emptyPlan, landed({ a: 1, b: 2, c: 2 }, 2), notes, room);
    const second = nextNotePlan(first, landed({ a: 1, b: 3, c: 3 }, 3), notes, room);
    const third = nextNotePlan(second, landed({ a: 1, b: 2, c: 3 }, 2), notes, room);
    expect(third.atEnd.has('b')).toBe(true);
    expect(foot(third)['ch01:3']).toEqual(['c']);
  });

  test('a note whose reference was not seen (cited only from a note) goes after its chapter', () => {
    const plan = nextNotePlan(emptyPlan, landed({ a: 1, c: 2 }), notes, room);
    expect([...plan.atEnd]).toEqual(['b']);
    expect(foot(plan)).toEqual({ 'ch01:1': ['a'], 'ch01:2': ['c'] });
  });

  test('notes past the room of a page’s foot go after their chapter', () => {
    const tall = [
      { id: 'a', height: 60 },
      { id: 'b', height: 60 },
      { id: 'c', height: 20 },
    ];
    const plan = nextNotePlan(emptyPlan, landed({ a: 1, b: 1, c: 1 }), tall, room);
    expect(foot(plan)).toEqual({ 'ch01:1': ['a', 'c'] });
    expect([...plan.atEnd]).toEqual(['b']);
  });

  test('the fallback sets every note after its chapter', () => {
    expect([...allAtEnd(notes).atEnd]).toEqual(['a', 'b', 'c']);
    expect(allAtEnd(notes).foot.size).toBe(0);
  });
});
