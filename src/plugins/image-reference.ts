import type { Definition, Image, ImageReference } from 'mdast';

/**
 * A reference image (`![alt][label]`) as the image its definition describes, so the
 * writers handle one kind of image. The loader already put the asset on the reference.
 */
export function imageFromReference(node: ImageReference, definition: Definition | undefined): Image {
  return {
    type: 'image',
    url: definition?.url ?? '',
    title: definition?.title ?? null,
    alt: node.alt ?? null,
    ...(node.position ? { position: node.position } : {}),
    ...(node.data ? { data: node.data } : {}),
  };
}
