import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatV6, normalizeIp, parseIpv6, type IpInfo } from './ip.js';

function ok(raw: string): { canonical: string; info: IpInfo } {
  const r = normalizeIp(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to normalise, got ${r.ok ? '' : `${r.code}: ${r.reason}`}`);
  return r;
}

function canon(raw: string): string {
  return ok(raw).canonical;
}

function errorCode(raw: string): string {
  const r = normalizeIp(raw);
  assert.equal(r.ok, false, `expected ${JSON.stringify(raw)} to be rejected, got ${r.ok ? r.canonical : ''}`);
  return r.ok ? '' : r.code;
}

describe('normalizeIp: IPv4', () => {
  it('accepts single addresses', () => {
    assert.deepEqual(ok(' 1.2.3.4 '), {
      ok: true,
      canonical: '1.2.3.4',
      info: { version: 4, prefix: 32, isRange: false, private: false },
    });
    assert.equal(canon('255.255.255.255'), '255.255.255.255');
    assert.equal(canon('0.0.0.0'), '0.0.0.0');
  });

  it('clears host bits of a range and drops /32', () => {
    assert.equal(canon('1.2.3.4/24'), '1.2.3.0/24');
    assert.equal(canon('10.9.8.7/8'), '10.0.0.0/8');
    assert.equal(canon('1.2.3.4/32'), '1.2.3.4');
    assert.equal(canon('1.2.3.4/0'), '0.0.0.0/0');
    assert.equal(canon('1.2.3.255/31'), '1.2.3.254/31');
    assert.deepEqual(ok('1.2.3.4/24').info, { version: 4, prefix: 24, isRange: true, private: false });
  });

  it('rejects leading zeros rather than guess octal or decimal', () => {
    assert.equal(errorCode('010.1.1.1'), 'INVALID_IP');
    assert.equal(errorCode('192.168.001.001'), 'INVALID_IP');
    assert.equal(errorCode('1.2.3.00'), 'INVALID_IP');
    const r = normalizeIp('42.232.243.051'); // seen in the URLhaus list: 41 to a browser, 51 to a log reader
    assert.ok(!r.ok && /leading zero/.test(r.reason));
  });

  it('rejects malformed addresses and prefixes', () => {
    for (const raw of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.-4', '1..2.3', 'a.b.c.d', '0x7f.0.0.1', '3232235777', '1.2.3.4 5']) {
      assert.equal(errorCode(raw), 'INVALID_IP', raw);
    }
    for (const raw of ['1.2.3.4/33', '1.2.3.4/', '1.2.3.4/-1', '1.2.3.4/024', '1.2.3.4/8a', '1.2.3.4/24/8']) {
      assert.equal(errorCode(raw), 'INVALID_CIDR', raw);
    }
  });

  it('flags private space', () => {
    for (const raw of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '10.0.0.0/8', '192.168.0.0/24']) {
      assert.equal(ok(raw).info.private, true, raw);
    }
    for (const raw of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '0.0.0.0/0', '10.0.0.0/7', '192.0.0.0/8']) {
      assert.equal(ok(raw).info.private, false, raw);
    }
  });
});

describe('normalizeIp: IPv6', () => {
  it('writes RFC 5952 compressed lower-case text', () => {
    assert.equal(canon('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canon('[2001:DB8::1]'), '2001:db8::1');
    assert.equal(canon('2001:0db8:0000:0000:0001:0000:0000:0001'), '2001:db8::1:0:0:1');
    assert.equal(canon('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1'); // a single zero group stays
    assert.equal(canon('2001:db8:0:0:1:0:0:0'), '2001:db8:0:0:1::'); // longest run wins
    assert.equal(canon('1:0:0:2:0:0:3:4'), '1::2:0:0:3:4'); // leftmost on a tie
    assert.equal(canon('::'), '::');
    assert.equal(canon('::1'), '::1');
    assert.equal(canon('fe80::'), 'fe80::');
    assert.equal(canon('64:ff9b::192.0.2.33'), '64:ff9b::c000:221');
  });

  it('clears host bits of a range and drops /128', () => {
    assert.equal(canon('2001:db8:abcd::1/32'), '2001:db8::/32');
    assert.equal(canon('[2001:db8::1]/48'), '2001:db8::/48');
    assert.equal(canon('2001:db8::1/128'), '2001:db8::1');
    assert.equal(canon('2001:db8:ffff::/33'), '2001:db8:8000::/33');
    assert.deepEqual(ok('2001:db8::/32').info, { version: 6, prefix: 32, isRange: true, private: false });
  });

  it('reads IPv4-mapped addresses as IPv4', () => {
    assert.deepEqual(ok('::ffff:1.2.3.4'), {
      ok: true,
      canonical: '1.2.3.4',
      info: { version: 4, prefix: 32, isRange: false, private: false },
    });
    assert.equal(canon('::FFFF:0102:0304'), '1.2.3.4');
    assert.equal(canon('::ffff:10.1.2.3/104'), '10.0.0.0/8');
    assert.equal(canon('::ffff:0:0/80'), '::/80'); // wider than the mapped block: stays IPv6
  });

  it('rejects malformed addresses and prefixes', () => {
    for (const raw of [':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7', '1:', ':1', '::1.2.3', 'fe80::1%eth0', '1:2:3:4:5:6:7::8:9', '::ffff:1.2.3.04']) {
      assert.equal(errorCode(raw), 'INVALID_IP', raw);
    }
    assert.equal(errorCode('2001:db8::/129'), 'INVALID_CIDR');
  });

  it('flags private space', () => {
    for (const raw of ['::1', 'fd12:3456::1', 'fc00::/7', 'fe80::1', 'fe80::/10']) assert.equal(ok(raw).info.private, true, raw);
    for (const raw of ['2001:db8::1', '::/0', 'fc00::/6']) assert.equal(ok(raw).info.private, false, raw);
  });

  it('round-trips through parse and format, never compressing a single zero group', () => {
    const pairs: Array<[string, string]> = [
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      ['::3:4:5:6:7:8', '::3:4:5:6:7:8'],
      ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
      ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
      ['1:2:3:4:5:6::', '1:2:3:4:5:6::'],
      ['1::8', '1::8'],
      ['ABCD:EF01::', 'abcd:ef01::'],
    ];
    for (const [text, expected] of pairs) {
      const g = parseIpv6(text);
      assert.ok(g, text);
      assert.equal(formatV6(g), expected);
    }
  });
});
