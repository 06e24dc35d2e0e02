import path from 'node:path';
import type { Image, ImageReference, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Asset } from '../types/book.js';
import { report } from '../types/messages.js';
import { loadImage } from '../resources/load-image.js';
import type { RemoteImage } from '../resources/remote.js';
import { resolveBookPath, type ResolveFailure } from '../resources/resolve.js';

export interface LoadImagesOptions {
  /** The book folder; no image outside it is read. */
  root: string;
  /** Shared across chapters: every image is read once, keyed by its path in the book (or its URL). */
  assets: Map<string, Asset>;
  /** Given under --allow-remote. Default: an image URL is an error, and nothing touches the network. */
  fetchRemote?: ((url: string) => Promise<RemoteImage>) | undefined;
}

declare module 'mdast' {
  interface ImageData {
    /** Key into `Book.assets` once the image was found and read. */
    asset?: string;
  }
  interface ImageReferenceData {
    /** Key into `Book.assets` once the image was found and read. */
    asset?: string;
  }
}

/**
 * Resolve every image (inline or by reference) relative to its chapter, read it through the resources
 * floor, and mark the node with the asset key. Writers never see a path or URL.
 */
export function remarkLoadImages(options: LoadImagesOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const definitions = new Map<string, string>();
    visit(tree, 'definition', (node) => {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    });
    const images: { node: Image | ImageReference; url: string }[] = [];
    visit(tree, (node) => {
      if (node.type === 'image') images.push({ node, url: node.url });
      const url = node.type === 'imageReference' ? definitions.get(node.identifier) : undefined;
      if (node.type === 'imageReference' && url !== undefined) images.push({ node, url });
    });
    for (const { node, url } of images) {
      const resolved = await resolveBookPath(url, file.path, options.root);
      const { fetchRemote } = options;
      // A file is keyed by its path in the book, a fetched image by its URL.
      let key: string;
      let load: () => Promise<RemoteImage>;
      if (resolved.ok) {
        key = resolved.relative;
        load = async () => ({ ruleId: 'image-unsupported', ...(await loadImage(resolved.path, resolved.relative)) });
      } else if (resolved.failure.kind === 'remote' && fetchRemote) {
        key = url;
        load = () => fetchRemote(url);
      } else {
        reportFailure(file, node, resolved.failure);
        continue;
      }
      if (!options.assets.has(key)) {
        const loaded = await load();
        if (!loaded.ok) {
          report(file, {
            reason: loaded.reason,
            ruleId: loaded.ruleId,
            place: node,
            hint: loaded.hint,
            severity: 'error',
          });
          continue;
        }
        options.assets.set(key, loaded.asset);
        for (const note of loaded.notes ?? []) {
          report(file, { reason: note.reason, ruleId: note.ruleId, place: node, hint: note.hint, severity: 'warning' });
        }
      }
      node.data = { ...node.data, asset: key };
    }
  };
}

function reportFailure(file: VFile, node: Image | ImageReference, failure: ResolveFailure): void {
  switch (failure.kind) {
    case 'remote':
      report(file, {
        reason: `Remote image not fetched: ${failure.url}`,
        ruleId: 'image-remote',
        place: node,
        hint: 'Octavo uses the network only when asked: download the image into the book folder and link it by its relative path, or build with --allow-remote',
        severity: 'error',
      });
      return;
    case 'absolute':
      report(file, {
        reason: `Image path must be relative to the chapter: ${failure.url}`,
        ruleId: 'image-outside-book',
        place: node,
        hint: 'copy the image into the book folder and write a relative path such as images/figure.png',
        severity: 'error',
      });
      return;
    case 'outside':
      report(file, {
        reason: `Image lies outside the book folder: ${failure.url}`,
        ruleId: 'image-outside-book',
        place: node,
        hint: 'copy the image into the book folder; a book may only use its own files',
        severity: 'error',
      });
      return;
    case 'not-a-file':
    case 'missing':
      if (failure.kind === 'not-a-file' && !failure.folder) {
        report(file, {
          reason: `Image is not a regular file: ${failure.url}`,
          ruleId: 'image-unsupported',
          place: node,
          hint: 'an image is a PNG, JPEG, GIF, WebP or SVG file, not a pipe or a device',
          severity: 'error',
        });
        return;
      }
      report(file, {
        reason: `Image not found: ${failure.url} (looked in ${lookedIn(failure.resolved)})`,
        ruleId: 'image-missing',
        place: node,
        hint: 'check the spelling and case of the path; it is relative to the chapter file',
        severity: 'error',
      });
      return;
  }
}

/** The folder an image was looked for in, as the user can type it from where they are. */
function lookedIn(resolved: string): string {
  const folder = path.relative(process.cwd(), path.dirname(resolved)).split(path.sep).join('/');
  return folder === '' ? './' : `${folder}/`;
}
