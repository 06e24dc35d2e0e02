import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addressRefusal } from '../../src/resources/address-policy.js';
import { fetchRemoteImage, type RemoteOptions } from '../../src/resources/remote.js';
import { imageServer, png, type ImageServer } from '../helpers/image-server.js';

let server: ImageServer;
beforeAll(async () => {
  server = await imageServer();
});
afterAll(() => server.close());

/** The strict policy, but for the test server's own address. */
const allowTestServer = (address: string): string | undefined =>
  address === '127.0.0.1' ? undefined : addressRefusal(address);
const local: RemoteOptions = { refuseAddress: allowTestServer, timeoutMs: 5000 };

async function failure(url: string, options: RemoteOptions = local): Promise<{ reason: string; ruleId: string }> {
  const result = await fetchRemoteImage(url, options);
  if (result.ok) throw new Error(`${url} was fetched`);
  expect(result.hint).not.toBe('');
  return { reason: result.reason, ruleId: result.ruleId };
}

describe('fetchRemoteImage, allowed to reach a local test server', () => {
  test('a PNG is fetched and checked like a local image, named by its URL', async () => {
    const url = `${server.origin}/x.png`;
    const result = await fetchRemoteImage(url, local);
    expect(result.ok && result.asset).toMatchObject({ path: url, mediaType: 'image/png' });
    expect(result.ok && Buffer.from(result.asset.bytes).equals(png)).toBe(true);
  });

  test('redirects are followed, five at most', async () => {
    expect((await fetchRemoteImage(`${server.origin}/redirect`, local)).ok).toBe(true);
    expect((await fetchRemoteImage(`${server.origin}/hops/5`, local)).ok).toBe(true);
    expect(await failure(`${server.origin}/hops/6`)).toEqual({
      reason: `Remote image not fetched: ${server.origin}/hops/6 redirects more than 5 times`,
      ruleId: 'image-remote',
    });
  });

  test('a redirect to the cloud metadata address is refused: every hop is checked', async () => {
    const before = server.requests.length;
    expect(await failure(`${server.origin}/metadata`)).toEqual({
      reason: `Remote image refused: ${server.origin}/metadata (redirected to http://169.254.169.254/latest/meta-data/): 169.254.169.254 is a link-local address`,
      ruleId: 'image-remote',
    });
    expect(server.requests.slice(before)).toEqual(['/metadata']);
  });

  test('a redirect to a file: URL is refused', async () => {
    expect((await failure(`${server.origin}/to-file`)).reason).toBe(
      `Remote image not fetched: ${server.origin}/to-file (redirected to file:///etc/passwd): only http and https are fetched`,
    );
  });

  test('a server that does not answer runs into the timeout', async () => {
    const options = { ...local, timeoutMs: 300 };
    expect(await failure(`${server.origin}/silent`, options)).toEqual({
      reason: `Remote image not fetched: ${server.origin}/silent took longer than 0.3 s`,
      ruleId: 'image-remote',
    });
    expect((await failure(`${server.origin}/trickle`, options)).reason).toMatch(/took longer than 0\.3 s$/);
  });

  test('a body over the cap is refused by its Content-Length, unread', async () => {
    expect(await failure(`${server.origin}/huge`)).toEqual({
      reason: `Remote image too large: ${server.origin}/huge is over 20 MB`,
      ruleId: 'image-remote',
    });
  });

  test('a body without a length is cut off at the cap and the connection closed', async () => {
    const options = { ...local, maxBytes: 1024 * 1024 };
    expect((await failure(`${server.origin}/endless`, options)).reason).toBe(
      `Remote image too large: ${server.origin}/endless is over 1 MB`,
    );
    await expect.poll(() => server.endless.closed).toBe(true);
    // What sat in socket buffers aside, the server wrote little more than the cap.
    expect(server.endless.written).toBeLessThan(20 * 1024 * 1024);
  });

  test('bytes that are not a PNG or JPEG are refused, whatever the server calls them', async () => {
    expect(await failure(`${server.origin}/page.html`)).toEqual({
      reason: `Unsupported image format: ${server.origin}/page.html is not a PNG, JPEG, GIF, WebP or SVG file (the server sent text/html)`,
      ruleId: 'image-unsupported',
    });
    expect((await failure(`${server.origin}/anim.gif`)).reason).toBe(
      `Corrupt image: ${server.origin}/anim.gif: its blocks are damaged`,
    );
    expect(await failure(`${server.origin}/broken.png`)).toMatchObject({ ruleId: 'image-unsupported' });
    expect((await failure(`${server.origin}/broken.png`)).reason).toMatch(/^Corrupt image: /);
  });

  test('an HTTP error is named with its status', async () => {
    expect(await failure(`${server.origin}/nope.png`)).toEqual({
      reason: `Remote image not fetched: ${server.origin}/nope.png: the server answered HTTP 404 Not Found`,
      ruleId: 'image-remote',
    });
  });

  test('a host name is connected to at the address that was checked, not looked up again', async () => {
    const lookup = async (host: string) => (host === 'images.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const result = await fetchRemoteImage(`http://images.test:${server.port}/x.png`, { ...local, lookup });
    expect(result.ok).toBe(true);
  });

  test('a host with any refused address is refused, before any connection', async () => {
    const before = server.connections;
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    expect((await failure(`http://mixed.test:${server.port}/x.png`, { lookup })).reason).toBe(
      `Remote image refused: http://mixed.test:${server.port}/x.png: mixed.test has the address 127.0.0.1, which is a loopback address`,
    );
    expect(server.connections).toBe(before);
  });
});

describe('fetchRemoteImage with the strict policy', () => {
  test.each([
    ['http://127.0.0.1:{port}/x.png', '127.0.0.1 is a loopback address'],
    ['http://localhost:{port}/x.png', /^localhost has the address (127\.0\.0\.1|::1), which is a loopback address$/],
    ['http://[::1]:{port}/x.png', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]:{port}/x.png', '::ffff:7f00:1 is a loopback address (IPv4 127.0.0.1)'],
    ['http://2130706433:{port}/x.png', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1:{port}/x.png', '127.0.0.1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['http://10.0.0.1/x.png', '10.0.0.1 is a private address'],
  ])('%s is refused without a connection', async (written, why) => {
    const url = written.replace('{port}', String(server.port));
    const before = server.connections;
    const { reason } = await failure(url, {});
    if (typeof why === 'string') expect(reason).toBe(`Remote image refused: ${url}: ${why}`);
    else expect(reason.slice(`Remote image refused: ${url}: `.length)).toMatch(why);
    expect(server.connections).toBe(before);
  });

  test.each([
    ['ftp://example.com/x.png', 'only http and https are fetched'],
    ['file:///etc/passwd', 'only http and https are fetched'],
    ['//example.com/x.png', 'is not a whole URL'],
  ])('%s is refused: %s', async (url, why) => {
    expect((await failure(url, {})).reason).toContain(why);
  });

  test('a port nobody listens on is a refused connection, not a stack trace', async () => {
    const closed = await imageServer();
    await closed.close();
    const { reason } = await failure(`${closed.origin}/x.png`);
    expect(reason).toBe(`Remote image not fetched: ${closed.origin}/x.png: the connection was refused`);
  });
});
