import type { Element, ElementContent, Root } from 'hast';
import { urlScheme } from '../../plugins/html-policy.js';

/** Every element the EPUB writer makes; anything else would be a bug, and is unwrapped. */
const elements = new Set(
  (
    'p a h1 h2 h3 h4 h5 h6 header section aside blockquote pre code em strong del sup sub kbd br hr img ' +
    'figure figcaption ul ol li table thead tbody tr th td span details summary'
  ).split(' '),
);

/** Elements whose content is not text for a reader: they go with it. */
const dropped = new Set(['script', 'style', 'template', 'iframe', 'object', 'noscript', 'title']);

/** Attributes by their normalised name (`aria-label` and hast's `ariaLabel` alike). */
const attributes = new Set(
  'id classname href src alt title lang xmllang epubtype role arialabel start width style'.split(' '),
);

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, '');

/**
 * The last step before a chapter is serialised: its tree is held to the
 * allow-list of what the writer itself makes. Raw HTML never reaches here as
 * HTML (remark-raw-html made Markdown nodes of it); this pass makes sure that no
 * element, attribute or URL outside the list can slip through a writer bug either.
 */
export function keepToAllowList(root: Root): void {
  root.children = cleanChildren(root.children as ElementContent[]) as Root['children'];
}

function cleanChildren(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type === 'text') return [child];
    if (child.type !== 'element' || dropped.has(child.tagName)) return [];
    const content = cleanChildren(child.children);
    if (!elements.has(child.tagName)) return content;
    cleanProperties(child);
    child.children = content;
    return [child];
  });
}

function cleanProperties(node: Element): void {
  for (const [key, value] of Object.entries(node.properties)) {
    const name = normalise(key);
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    const keep =
      attributes.has(name) &&
      (name === 'href'
        ? safeHref(text)
        : name === 'src'
          ? node.tagName === 'img' && /^images\/[\w.-]+$/.test(text)
          : name === 'style'
            ? node.tagName === 'img' && /^width: \d+(\.\d+)?%$/.test(text)
            : true);
    if (!keep) delete node.properties[key];
  }
}

/** A place in the book, or a web or mail address. */
function safeHref(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme === undefined ? !href.startsWith('//') : scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}
