import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Asset } from '../types/book.js';
import type { ImageNote } from './load-image.js';
import { addressRefusal } from './address-policy.js';
import { imageFromBytes, sniff } from './load-image.js';

/** How remote images are fetched under --allow-remote. Every default is the strict one. */
export interface RemoteOptions {
  /** Why an address may not be reached, or undefined when it may. Default: `addressRefusal` (public unicast only). */
  refuseAddress?: (address: string) => string | undefined;
  /** Every address a host name has. Default: `dns.lookup(host, { all: true })`. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
  /** For the whole fetch, redirects included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Largest body read. Default 20 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
}

/** What fetching a remote image gives; a failure names the rule it breaks. */
export type RemoteImage =
  | { ok: true; asset: Asset; notes?: ImageNote[] }
  | { ok: false; reason: string; hint: string; ruleId: 'image-remote' | 'image-unsupported' };

const download = 'download the image into the book folder and link it by its relative path';
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Enough of the body to tell an image from a web page (load-image's sniffing reads as much). */
const sniffBytes = 256;

type Failure = Extract<RemoteImage, { ok: false }>;
type Hop = { redirect: string } | { body: Uint8Array; contentType: string | undefined } | Failure;

/** A failure fetching from the network (not one of the image's bytes). */
function refused(reason: string, hint = download): Failure {
  return { ok: false, reason, hint, ruleId: 'image-remote' };
}

/**
 * Fetch an image named by an http(s) URL, following at most `maxRedirects` redirects,
 * each one checked again: its scheme, and every address of its host, which is then
 * the only address connected to (a second DNS answer cannot slip in between). The
 * bytes must then pass the checks of a local image. Never throws.
 */
export async function fetchRemoteImage(url: string, options: RemoteOptions = {}): Promise<RemoteImage> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const via = current === url ? '' : ` (redirected to ${current})`;
      const hop = await fetchOnce(current, url, options, controller.signal).catch((error: unknown) =>
        controller.signal.aborted
          ? refused(`Remote image not fetched: ${url}${via} took longer than ${timeoutMs / 1000} s`)
          : refused(`Remote image not fetched: ${url}${via}: ${networkError(error)}`),
      );
      if (!('redirect' in hop)) {
        return 'body' in hop ? checkedImage(hop.body, url, hop.contentType) : hop;
      }
      if (redirects === (options.maxRedirects ?? 5)) {
        return refused(`Remote image not fetched: ${url} redirects more than ${redirects} times`);
      }
      current = hop.redirect;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** One request: a redirect's target, the body, or why there is neither. */
async function fetchOnce(target: string, original: string, options: RemoteOptions, signal: AbortSignal): Promise<Hop> {
  const via = target === original ? '' : ` (redirected to ${target})`;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refused(
      `Remote image not fetched: ${original}${via} is not a whole URL`,
      `write the full address, starting with https://, or ${download}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refused(
      `Remote image not fetched: ${original}${via}: only http and https are fetched`,
      `write an https:// address, or ${download}`,
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const lookup = options.lookup ?? ((name: string) => dnsLookup(name, { all: true, verbatim: true }));
  // An address in the URL is the one connected to: no lookup may stand in for it.
  const literal = isIP(host);
  const named = literal ? Promise.resolve([{ address: host, family: literal }]) : lookup(host);
  const addresses = await abortable(named, signal).catch((error: unknown) => {
    if (signal.aborted) throw error;
    return [];
  });
  if (addresses.length === 0) {
    return refused(
      `Remote image not fetched: ${original}${via}: ${host} was not found`,
      `check the address and the network, or ${download}`,
    );
  }
  const refuse = options.refuseAddress ?? addressRefusal;
  for (const { address } of addresses) {
    const why = refuse(address);
    if (why === undefined) continue;
    const what = address === host ? host : `${host} has the address ${address}, which`;
    return refused(
      `Remote image refused: ${original}${via}: ${what} is ${why}`,
      `Octavo fetches only from public internet addresses, so that a book cannot reach this machine or its network; ${download}`,
    );
  }
  const [vetted] = addresses as [{ address: string; family: number }];
  const response = await request(url, vetted, signal);
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (redirectStatuses.has(status) && location !== undefined) {
    response.destroy();
    try {
      return { redirect: new URL(location, url).href };
    } catch {
      return refused(`Remote image not fetched: ${original}${via} redirects to an invalid URL: ${location}`);
    }
  }
  if (status < 200 || status > 299) {
    response.destroy();
    return refused(
      `Remote image not fetched: ${original}${via}: the server answered HTTP ${status} ${response.statusMessage ?? ''}`.trimEnd(),
      `check the address in a browser, or ${download}`,
    );
  }
  return readBody(response, original, options.maxBytes ?? 20 * 1024 * 1024, signal);
}

/** A GET to the vetted address only: the socket's lookup answers with it, whatever DNS says now. */
function request(url: URL, vetted: { address: string; family: number }, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup = ((_host, options, callback) => {
    if (options.all) callback(null, [vetted]);
    else callback(null, vetted.address, vetted.family);
  }) as LookupFunction;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          accept: 'image/png, image/jpeg, image/gif, image/webp, image/svg+xml',
          'accept-encoding': 'identity',
          'user-agent': 'octavo',
        },
        // A fresh socket for each request: nothing pooled from another host or address.
        agent: false,
        lookup,
        signal,
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * The body, read only while it stays under the cap (Content-Length is believed
 * first when it says too much) and only while it starts like an image.
 */
function readBody(response: IncomingMessage, url: string, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  const megabytes = `${Math.round(maxBytes / 1024 / 1024)} MB`;
  const tooLarge = refused(
    `Remote image too large: ${url} is over ${megabytes}`,
    `use a smaller image, or ${download}`,
  );
  const contentType = response.headers['content-type'];
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let sniffed = false;
    const stop = (hop: Hop): void => {
      response.destroy();
      resolve(hop);
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > maxBytes) return stop(tooLarge);
      if (sniffed || length < sniffBytes) return;
      sniffed = true;
      const head = new Uint8Array(Buffer.concat(chunks));
      // A web page where an image should be: no need to read the rest.
      if (!sniff(head)) stop({ body: head, contentType });
    });
    response.on('end', () => resolve({ body: new Uint8Array(Buffer.concat(chunks)), contentType }));
    response.on('error', reject);
    response.on('close', () => {
      if (!response.complete) reject(signal.reason ?? new Error('the connection closed before the image ended'));
    });
  });
}

/** The checks of a local image, with the server's word on what it sent when it sent no image. */
function checkedImage(bytes: Uint8Array, url: string, contentType: string | undefined): RemoteImage {
  const image = imageFromBytes(bytes, url);
  if (image.ok) return image;
  if (sniff(bytes)) return { ...image, ruleId: 'image-unsupported' };
  const sent = contentType ? ` (the server sent ${contentType.split(';')[0]})` : '';
  return {
    ok: false,
    reason: `${image.reason}${sent}`,
    hint: `link the image itself, not a page that shows it; or ${download}`,
    ruleId: 'image-unsupported',
  };
}

/** A network error in a few words: the code when there is one, never a stack. */
function networkError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const words: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
  };
  return words[code] ?? (error instanceof Error ? error.message : String(error));
}

/** The promise, or a rejection as soon as the signal aborts (dns.lookup cannot be cancelled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}

/** A fetcher for one book: each URL is fetched once, however often the book shows it. */
export function remoteImageLoader(options: RemoteOptions = {}): (url: string) => Promise<RemoteImage> {
  const fetched = new Map<string, Promise<RemoteImage>>();
  return (url) => {
    const known = fetched.get(url);
    if (known) return known;
    const fetching = fetchRemoteImage(url, options);
    fetched.set(url, fetching);
    return fetching;
  };
}
