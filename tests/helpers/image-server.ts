import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from './books.js';

export const png = readFileSync(path.join(repoRoot, 'tests/fixtures/images/images/figure.png'));

/** A local HTTP server with one path per way a remote image can go wrong; it counts what reaches it. */
export interface ImageServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Every request path, in order. */
  requests: string[];
  /** Every TCP connection accepted, requests or not. */
  connections: number;
  /** Bytes /endless wrote before the client hung up, and whether it did. */
  endless: { written: number; closed: boolean };
  close(): Promise<void>;
}

export async function imageServer(): Promise<ImageServer> {
  const state = { requests: [] as string[], connections: 0, endless: { written: 0, closed: false } };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    state.requests.push(url);
    const route = routes[url.split('?')[0] ?? ''];
    const hops = /^\/hops\/(\d+)$/.exec(url)?.[1];
    // /hops/n (n ≥ 1): n redirects, then the PNG.
    if (hops !== undefined)
      res.writeHead(302, { location: Number(hops) > 1 ? `/hops/${Number(hops) - 1}` : '/x.png' }).end();
    else if (route) route(req, res, state.endless);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse, endless: ImageServer['endless']) => void;

const routes: Record<string, Route> = {
  '/x.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png),
  '/redirect': (_req, res) => res.writeHead(302, { location: '/x.png' }).end(),
  '/metadata': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/to-file': (_req, res) => res.writeHead(301, { location: 'file:///etc/passwd' }).end(),
  // Answers nothing, ever: only the client's timeout ends it.
  '/silent': () => undefined,
  // Starts a PNG, then never finishes it.
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(png.subarray(0, 300));
  },
  '/huge': (_req, res) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': 900_000_000 }).end(),
  // A PNG header and then bytes without end or length, written as fast as the client reads.
  '/endless': (_req, res, endless) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.on('close', () => (endless.closed = true));
    const chunk = Buffer.alloc(64 * 1024);
    png.copy(chunk);
    const pump = (): void => {
      while (!res.destroyed && endless.written < 200 * 1024 * 1024) {
        endless.written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  },
  '/page.html': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html><body>${'<p>a page about a picture</p>'.repeat(50)}</body></html>`),
  '/anim.gif': (_req, res) => res.writeHead(200, { 'content-type': 'image/gif' }).end('GIF89a' + '\0'.repeat(300)),
  '/broken.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png.subarray(0, 400)),
};
