import { describe, expect, test } from 'vitest';
import { addressRefusal } from '../../src/resources/address-policy.js';

describe('addressRefusal: only public unicast addresses are fetched from', () => {
  test.each([
    // IPv4
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['0.0.0.0', 'an unspecified address'],
    ['10.0.0.1', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['100.127.255.255', 'a shared (carrier-grade NAT) address'],
    ['192.0.0.8', 'a reserved address'],
    ['192.0.2.10', 'a documentation address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['240.0.0.1', 'a reserved address'],
    ['255.255.255.255', 'a reserved address'],
    // IPv6
    ['::', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['[::1]', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['fec0::1', 'a site-local (private) address'],
    ['fc00::1', 'a unique local (private) address'],
    ['fd12:3456::1', 'a unique local (private) address'],
    ['ff02::1', 'a multicast address'],
    ['2001:db8::1', 'a documentation address'],
    ['2001::1', 'a reserved address'],
    ['100::1', 'a reserved address'],
    ['::7f00:1', 'a reserved address'],
    // IPv6 forms that carry an IPv4 address are judged by it
    ['::ffff:127.0.0.1', 'a loopback address (IPv4 127.0.0.1)'],
    ['::ffff:7f00:1', 'a loopback address (IPv4 127.0.0.1)'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'a link-local address (IPv4 169.254.169.254)'],
    ['::ffff:10.1.2.3', 'a private address (IPv4 10.1.2.3)'],
    ['::ffff:0:192.168.0.1', 'a private address (IPv4 192.168.0.1)'],
    ['64:ff9b::127.0.0.1', 'a loopback address (IPv4 127.0.0.1)'],
    ['64:ff9b:1::1', 'a private address'],
    ['2002:7f00:1::1', 'a loopback address (IPv4 127.0.0.1)'],
    ['2002:a9fe:a9fe::', 'a link-local address (IPv4 169.254.169.254)'],
    // Not addresses at all
    ['localhost', 'not an IP address'],
    ['127.1', 'not an IP address'],
    ['0x7f.0.0.1', 'not an IP address'],
    ['', 'not an IP address'],
  ])('%s is refused as %s', (address, why) => {
    expect(addressRefusal(address)).toBe(why);
  });

  test.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '169.253.255.255',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:93.184.216.34',
    '64:ff9b::8.8.8.8',
    '2002:5db8:d822::1',
  ])('%s is public', (address) => {
    expect(addressRefusal(address)).toBeUndefined();
  });
});
