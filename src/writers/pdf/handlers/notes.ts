import { el, type PdfChild, type PdfElement } from '../element.js';
import type { State } from '../state.js';
import { labelsFor } from '../../../plugins/labels.js';
import { footnoteId } from '../../../plugins/link-targets.js';

/**
 * The chapter's notes, numbered in order of first reference, each linked back to
 * the paragraph that cites it, and carrying the id its references jump to. Notes
 * may cite notes, so render until none are new.
 */
export function noteElements(state: State): PdfElement[] {
  const notes: PdfElement[] = [];
  for (let i = 0; i < state.footnoteOrder.length; i++) {
    const identifier = state.footnoteOrder[i] ?? '';
    const definition = state.footnotes.get(identifier);
    if (!definition) continue;
    const back = state.noteBacklinks.get(identifier);
    const number = el('Text', ['noteNumber'], [`${i + 1}.`]);
    notes.push(
      el(
        'View',
        ['note'],
        [
          back ? el('Link', ['link'], [number], { src: `#${back}` }) : number,
          el('View', ['noteBody'], state.all(definition).map(small)),
        ],
        {
          id: footnoteId(state.chapterIndex, identifier),
          wrap: false,
        },
      ),
    );
  }
  return notes;
}

/** Notes set after the chapter's text, under a heading. */
export function chapterNotes(state: State, notes: readonly PdfElement[]): PdfElement | undefined {
  if (notes.length === 0) return undefined;
  // The heading and the first note move to a new page together (a note never splits).
  const heading = el('Text', ['notesHeading'], [labelsFor(state.book.meta.lang).notes]);
  const [first, ...rest] = notes;
  return el('View', ['notes'], [el('View', undefined, [heading, ...(first ? [first] : [])], { wrap: false }), ...rest]);
}

/** Paragraphs in a note take the note's smaller size (react-pdf text styles override inherited ones). */
function small(child: PdfChild): PdfChild {
  if (typeof child === 'string') return child;
  const style =
    child.type === 'Text' && child.style?.includes('paragraph') ? { style: [...child.style, 'noteText' as const] } : {};
  return { ...child, ...style, ...(child.children ? { children: child.children.map(small) } : {}) };
}
