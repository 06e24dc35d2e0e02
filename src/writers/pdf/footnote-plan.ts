/**
 * Where each footnote is set in the PDF: at the foot of the page that cites it.
 *
 * react-pdf packs a Page element's text into its pages one after the other, and
 * the room it leaves on a page is what the page's template leaves over (see
 * render.ts, `pageTemplate`). A page's notes are part of that template, so they
 * must be chosen before the page is packed: they are the notes whose references
 * landed on that page in the last rendering. Setting them takes room, which can
 * push a reference onto the next page; the book is rendered again until every
 * note sits on the page of its reference (see index.ts).
 *
 * A page is named by its flow (a Page element: a chapter, or the whole book when
 * chapters run on) and its number within that flow, so that a chapter that gains
 * a page does not move the notes of the chapters after it.
 *
 * Two cases have no fixed point, and are settled on purpose:
 * - A reference on the last lines of a page whose note does not fit with it: set
 *   there, the note pushes it over; set on the next page, it comes back. Once a
 *   note has come back to a page it was already set on, it stays on the page
 *   after its reference's ("deferred"), as LaTeX's notes do when there is no room.
 * - A note cited only from another note, or one too tall for a page's foot, is
 *   set after its chapter's text, as notes used to be.
 */

/** A page: `flow:n`, its flow and its number in that flow, from 1. */
export type PageKey = string;

export interface NotePlan {
  /** The notes set at the foot of each page, in the order of their numbers. */
  foot: ReadonlyMap<PageKey, readonly string[]>;
  /** Notes set after their chapter's text. */
  atEnd: ReadonlySet<string>;
  /** Notes on the page after their reference's: there was no room on its own. */
  deferred: ReadonlySet<string>;
  /** The pages each note has been set on so far. */
  tried: ReadonlyMap<string, readonly PageKey[]>;
}

export const emptyPlan: NotePlan = { foot: new Map(), atEnd: new Set(), deferred: new Set(), tried: new Map() };

/** Every note set after its chapter: the fallback when notes do not settle. */
export function allAtEnd(notes: readonly FootNote[]): NotePlan {
  return { ...emptyPlan, atEnd: new Set(notes.map((note) => note.id)) };
}

/** A note as the plan sees it. */
export interface FootNote {
  /** Its destination id (footnoteId). */
  id: string;
  /** Its height at the foot of a page, estimated from its length, in points. */
  height: number;
}

/** What a rendering reports: the page of each note's first reference, and how many pages each flow took. */
export interface NotesLanded {
  pageOf: ReadonlyMap<string, PageKey>;
  flowPages: ReadonlyMap<string, number>;
}

export const pageKey = (flow: string, page: number): PageKey => `${flow}:${page}`;

export function parseKey(key: PageKey): { flow: string; page: number } {
  const at = key.lastIndexOf(':');
  return { flow: key.slice(0, at), page: Number(key.slice(at + 1)) };
}

/**
 * The plan for the next rendering, from the last plan and where that rendering put
 * the references. `room` is the most a page's notes may take (in points): notes
 * past it on one page are set at their chapter's end.
 */
export function nextNotePlan(plan: NotePlan, landed: NotesLanded, notes: readonly FootNote[], room: number): NotePlan {
  const homeOf = new Map<string, PageKey>();
  for (const [key, ids] of plan.foot) for (const id of ids) homeOf.set(id, key);
  const home = new Map<string, PageKey>();
  const atEnd = new Set(plan.atEnd);
  const deferred = new Set<string>();
  const tried = new Map(plan.tried);
  for (const note of notes) {
    if (atEnd.has(note.id)) continue;
    const actual = landed.pageOf.get(note.id);
    const last = homeOf.get(note.id);
    if (actual === undefined) {
      atEnd.add(note.id);
      continue;
    }
    const { flow, page } = parseKey(actual);
    const next = pageKey(flow, page + 1);
    const before = tried.get(note.id) ?? [];
    if (last === actual) home.set(note.id, actual);
    else if (last === next && (plan.deferred.has(note.id) || before.includes(actual))) {
      // Set on its reference's page, the note pushed the reference over; set on the next, it came back.
      if (page + 1 <= (landed.flowPages.get(flow) ?? 0)) {
        home.set(note.id, next);
        deferred.add(note.id);
      } else atEnd.add(note.id);
    } else {
      home.set(note.id, actual);
      if (!before.includes(actual)) tried.set(note.id, [...before, actual]);
    }
  }
  const foot = new Map<PageKey, string[]>();
  const used = new Map<PageKey, number>();
  for (const note of notes) {
    const key = home.get(note.id);
    if (key === undefined) continue;
    const height = (used.get(key) ?? 0) + note.height;
    if (height > room) {
      atEnd.add(note.id);
      deferred.delete(note.id);
      continue;
    }
    used.set(key, height);
    foot.set(key, [...(foot.get(key) ?? []), note.id]);
  }
  return { foot, atEnd, deferred, tried };
}

/** Whether two plans set every note in the same place. */
export function samePlan(a: NotePlan, b: NotePlan): boolean {
  const flat = (plan: NotePlan): string =>
    JSON.stringify([[...plan.foot].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)), [...plan.atEnd].sort()]);
  return flat(a) === flat(b);
}
