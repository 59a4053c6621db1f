import { formatIp, IpAllowlist, ipGroup, parseCidr, parseIp } from '../../src/audit/cidr.js';

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    [' 10.0.0.1 ', '10.0.0.1'],
    ['10.0.0.1:443', '10.0.0.1'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:102:304', '1.2.3.4'],
    ['0:0:0:0:0:ffff:1.2.3.4', '1.2.3.4'],
    ['2001:DB8::1', '2001:db8::1'],
    ['[2001:db8::1]:8443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
  ])('reads %s as %s', (text, want) => {
    const ip = parseIp(text);
    expect(ip && formatIp(ip)).toBe(want);
  });

  it.each([
    '',
    '256.1.1.1',
    '1.2.3',
    '01.2.3.4',
    '1.2.3.4.5',
    '2001:db8::1::2',
    '2001:db8:1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7',
    'gggg::1',
    '12345::1',
    '::ffff:1.2.3.256',
    'localhost',
  ])('rejects "%s"', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('IpAllowlist', () => {
  it.each([
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['192.168.1.0/24', '192.168.1.0', true],
    ['192.168.1.0/24', '192.168.2.1', false],
    ['192.168.1.128/25', '192.168.1.127', false],
    ['192.168.1.128/25', '192.168.1.255', true],
    ['10.1.2.3/8', '10.9.9.9', true], // host bits in the network are masked off
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.8', false],
    ['203.0.113.7/32', '203.0.113.7', true],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '11.1.2.3', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8:aa::/48', '2001:db8:aa:ffff::1', true],
    ['2001:db8:aa::/47', '2001:db8:ab::1', true],
    ['2001:db8:aa::/47', '2001:db8:ac::1', false],
    ['2001:db8::1/128', '2001:db8::1', true],
    ['2001:db8::1/128', '2001:db8::2', false],
    ['::/0', '2001:db8::1', true],
    ['::/0', '1.2.3.4', false],
    ['2001:db8::/32', '1.2.3.4', false],
    ['10.0.0.0/8', 'not-an-ip', false],
  ])('with %s, allows %s: %s', (cidr, ip, want) => {
    expect(new IpAllowlist([cidr]).check(ip).allowed).toBe(want);
  });

  it('allows an address matched by any of several CIDRs', () => {
    const list = new IpAllowlist(['10.0.0.0/8', '2001:db8::/32']);
    expect(list.check('2001:db8::5').allowed).toBe(true);
  });

  it('denies everything when the allowlist is empty', () => {
    expect(new IpAllowlist([]).check('10.0.0.1').allowed).toBe(false);
  });
});

describe('parseCidr', () => {
  it.each([
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    '10.0.0.0/x',
    'example.com/24',
    '::ffff:10.0.0.0/90',
  ])('rejects %s', (text) => {
    expect(() => parseCidr(text)).toThrow(/CIDR/);
  });
});

describe('ipGroup', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:203.0.113.77', '203.0.113.0/24'],
    ['2001:db8:bad:1:2::3', '2001:db8:bad::/48'],
    ['2001:db8::1', '2001:db8::/48'],
  ])('puts %s in %s', (text, want) => {
    expect(ipGroup(parseIp(text)!)).toBe(want);
  });
});
