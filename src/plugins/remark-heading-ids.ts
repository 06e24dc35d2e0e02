import GithubSlugger, { slug } from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

declare module 'mdast' {
  interface HeadingData {
    /** The heading's id, unique across the book: the target of `#id` links. */
    id?: string;
    /** The id GitHub gives it in its own file (unique within the chapter only): `ch2.md#id` links use it. */
    localId?: string;
  }
}

export interface HeadingIdsOptions {
  /** Shared by every chapter so ids stay unique across the book. Default: a new one. */
  slugger?: GithubSlugger;
}

/**
 * Give every heading the id GitHub would give it (`data.id` and `data.hProperties.id`),
 * unique across the whole book when chapters share one slugger.
 */
export function remarkHeadingIds(options: HeadingIdsOptions = {}) {
  const slugger = options.slugger ?? new GithubSlugger();
  return (tree: Root): void => {
    const local = new GithubSlugger();
    visit(tree, 'heading', (node) => {
      const text = toString(node);
      // A heading with nothing to slug (punctuation, symbols) is a section; the slugger
      // would number a second empty slug as "-1".
      const named = slug(text) !== '';
      const id = named ? slugger.slug(text) : slugger.slug('section');
      const localId = named ? local.slug(text) : local.slug('section');
      node.data = { ...node.data, id, localId, hProperties: { ...node.data?.hProperties, id } };
    });
  };
}
