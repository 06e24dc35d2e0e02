import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['childNode'];
type ElementNode = DefaultTreeAdapterMap['element'];

const svgNamespace = 'http://www.w3.org/2000/svg';
const xlinkNamespace = 'http://www.w3.org/1999/xlink';

/** What an SVG image may hold: shapes, text, paint servers, clips, masks, markers and plain filters. */
const elements = new Set(
  (
    'svg g defs symbol use switch title desc path rect circle ellipse line polyline polygon text tspan textPath ' +
    'linearGradient radialGradient stop clipPath mask marker pattern filter feGaussianBlur feOffset feBlend ' +
    'feFlood feComposite feMerge feMergeNode feColorMatrix feMorphology'
  ).split(' '),
);

/** Not drawn and unable to run or load anything (editors' notes): dropped without a word. */
const quiet = new Set(['metadata']);

/** Presentation and geometry attributes, by their SVG spelling. */
const attributes = new Set(
  (
    'id class style transform x y x1 y1 x2 y2 cx cy r rx ry fx fy width height d points pathLength viewBox ' +
    'preserveAspectRatio version fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap ' +
    'stroke-linejoin stroke-dasharray stroke-dashoffset stroke-miterlimit opacity color display visibility ' +
    'overflow font-family font-size font-weight font-style font-variant font-stretch text-anchor ' +
    'dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration ' +
    'writing-mode direction dx dy rotate textLength lengthAdjust startOffset method spacing offset stop-color ' +
    'stop-opacity gradientUnits gradientTransform spreadMethod clip-path clip-rule clipPathUnits mask ' +
    'maskUnits maskContentUnits marker-start marker-mid marker-end markerWidth markerHeight refX refY orient ' +
    'markerUnits patternUnits patternContentUnits patternTransform filter filterUnits primitiveUnits ' +
    'stdDeviation in in2 result mode operator k1 k2 k3 k4 values type radius flood-color flood-opacity ' +
    'color-interpolation color-interpolation-filters vector-effect paint-order shape-rendering text-rendering ' +
    'image-rendering mix-blend-mode isolation requiredFeatures systemLanguage href'
  ).split(' '),
);

export interface SanitizedSvg {
  /** The image as Octavo serialised it: only what the allow-list keeps, as well-formed XML. */
  svg: string;
  /** What was taken out that could run or load something, once each ("<script>", "an onclick handler"). */
  removed: string[];
}

/**
 * An SVG image held to an allow-list before anything draws or packages it.
 * SVG is a document format: it can carry scripts, event handlers, HTML (in
 * `<foreignObject>`), style sheets that import others, and references to other
 * files or URLs (`<image href>`, `<use href="other.svg#x">`, `url(…)` in paint,
 * `<?xml-stylesheet?>`), which librsvg or an e-reader would follow. It is parsed
 * as browsers parse inline SVG (parse5: no DTD, so no entity is ever expanded)
 * and written out again from the elements and attributes listed here; a
 * reference is kept only when it points into the image itself (`#id`).
 * Undefined when the file has no `<svg>` element.
 */
export function sanitizeSvg(source: string): SanitizedSvg | undefined {
  const removed = new Set<string>();
  if (/<!DOCTYPE/i.test(source)) removed.add('its <!DOCTYPE>');
  if (/<!ENTITY/i.test(source)) removed.add('its <!ENTITY> declarations');
  if (/<\?(?!xml[\s?])/i.test(source)) removed.add('a processing instruction');
  const fragment = parseFragment(source);
  const root = findSvg(fragment.childNodes);
  if (!root) return undefined;
  const out: string[] = [];
  write(root, out, removed);
  return { svg: out.join(''), removed: [...removed] };
}

function findSvg(nodes: Node[]): ElementNode | undefined {
  for (const node of nodes) {
    if (!('tagName' in node)) continue;
    if (node.tagName === 'svg' && node.namespaceURI === svgNamespace) return node;
    const inner = findSvg(node.childNodes);
    if (inner) return inner;
  }
  return undefined;
}

function write(node: ElementNode, out: string[], removed: Set<string>, depth = 0): void {
  const root = depth === 0;
  const attrs: string[] = root ? [` xmlns="${svgNamespace}"`, ` xmlns:xlink="${xlinkNamespace}"`] : [];
  for (const attr of node.attrs) {
    const kept = keptAttribute(attr, removed);
    if (kept) attrs.push(` ${kept}="${escape(attr.value, true)}"`);
  }
  out.push(`<${node.tagName}${attrs.join('')}>`);
  writeChildren(node, out, removed, depth + 1);
  out.push(`</${node.tagName}>`);
}

/** Nesting past which an image's elements are dropped: no drawing needs it, and a walk this deep stays on the stack. */
const maxDepth = 256;

function writeChildren(node: ElementNode, out: string[], removed: Set<string>, depth: number): void {
  if (depth > maxDepth) {
    removed.add(`elements nested more than ${maxDepth} deep`);
    return;
  }
  for (const child of node.childNodes) {
    if (child.nodeName === '#text' && 'value' in child) out.push(escape(child.value, false));
    else if ('tagName' in child) {
      if (child.namespaceURI === svgNamespace && elements.has(child.tagName)) write(child, out, removed, depth);
      // A link's shapes stay, drawn where they were; the link goes (a picture in a book links nowhere).
      else if (child.namespaceURI === svgNamespace && child.tagName === 'a') {
        const href = child.attrs.find((attr) => attr.name === 'href')?.value;
        if (href !== undefined) removed.add(`a link to ${shorten(href)}`);
        writeChildren(child, out, removed, depth + 1);
      } else if (!quiet.has(child.tagName) && !child.tagName.includes(':')) {
        const href = child.attrs.find((attr) => attr.name === 'href')?.value;
        removed.add(`<${child.tagName}>${href === undefined ? '' : ` naming ${shorten(href)}`}`);
      }
    }
  }
}

/** The attribute's name as written out, or undefined when it goes. */
function keptAttribute(
  attr: { name: string; value: string; prefix?: string; namespace?: string },
  removed: Set<string>,
): string | undefined {
  const name = attr.name;
  if (/^on/i.test(name)) {
    removed.add(`an ${name.toLowerCase()} handler`);
    return undefined;
  }
  if (attr.namespace === 'http://www.w3.org/2000/xmlns/') return undefined; // written once, on the root
  const isHref = name === 'href' && (attr.namespace === undefined || attr.namespace === xlinkNamespace);
  if (attr.namespace && !isHref) return attr.prefix === 'xml' && name === 'space' ? 'xml:space' : undefined;
  if (!attributes.has(name)) return undefined;
  if (isHref && !attr.value.trim().startsWith('#')) {
    removed.add(`a reference to ${shorten(attr.value)}`);
    return undefined;
  }
  // Paint, clips, masks, markers and filters may point only inside the image: url(#id).
  const urls = [...attr.value.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)].map((m) => m[2] ?? '');
  const outside = urls.find((url) => !url.trim().startsWith('#'));
  if (
    outside !== undefined ||
    (/url\s*\(/i.test(attr.value) && urls.length === 0) ||
    /@import|expression\s*\(/i.test(attr.value)
  ) {
    removed.add(`a reference to ${shorten(outside ?? attr.value)}`);
    return undefined;
  }
  return isHref ? 'xlink:href' : name;
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed;
}

/** Characters XML 1.0 does not allow, which librsvg would refuse the whole file for. */
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escape(text: string, attribute: boolean): string {
  const escaped = text.replace(notXml, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return attribute ? escaped.replaceAll('"', '&quot;') : escaped;
}
