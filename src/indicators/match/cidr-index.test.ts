import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CidrIndex } from './cidr-index.js';

function ranges<T>(index: CidrIndex<T>, address: string): string[] {
  return index.match(address).map((m) => m.range);
}

describe('CidrIndex', () => {
  it('matches IPv4 /32, /24 and /8, most specific first', () => {
    const idx = new CidrIndex<string>();
    idx.add('10.0.0.0/8', 'wide');
    idx.add('10.1.2.0/24', 'net');
    idx.add('10.1.2.3', 'host');
    assert.equal(idx.size, 3);
    assert.deepEqual(idx.match('10.1.2.3'), [
      { range: '10.1.2.3', value: 'host' },
      { range: '10.1.2.0/24', value: 'net' },
      { range: '10.0.0.0/8', value: 'wide' },
    ]);
    assert.deepEqual(ranges(idx, '10.1.2.4'), ['10.1.2.0/24', '10.0.0.0/8']);
    assert.deepEqual(ranges(idx, '10.200.0.1'), ['10.0.0.0/8']);
    assert.deepEqual(ranges(idx, '11.1.2.3'), []);
  });

  it('handles overlapping ranges, odd prefix lengths, /0 and the top of the space', () => {
    const idx = new CidrIndex<number>();
    idx.add('192.168.0.0/16', 16);
    idx.add('192.168.0.0/17', 17);
    idx.add('192.168.128.0/17', 171);
    idx.add('255.255.255.255', 32);
    assert.deepEqual(ranges(idx, '192.168.1.1'), ['192.168.0.0/17', '192.168.0.0/16']);
    assert.deepEqual(ranges(idx, '192.168.200.1'), ['192.168.128.0/17', '192.168.0.0/16']);
    assert.deepEqual(ranges(idx, '255.255.255.255'), ['255.255.255.255']);
    idx.add('0.0.0.0/0', 0);
    assert.deepEqual(ranges(idx, '8.8.8.8'), ['0.0.0.0/0']);
    assert.deepEqual(ranges(idx, '255.255.255.255'), ['255.255.255.255', '0.0.0.0/0']);
  });

  it('normalises what it is given and replaces the value of a range added twice', () => {
    const idx = new CidrIndex<string>();
    idx.add('10.1.2.99/24', 'first');
    idx.add('10.1.2.0/24', 'second');
    assert.equal(idx.size, 1);
    assert.deepEqual(idx.match('10.1.2.3'), [{ range: '10.1.2.0/24', value: 'second' }]);
    assert.throws(() => idx.add('not an ip', 'x'), TypeError);
  });

  it('matches IPv6 /128 and /32, and IPv4-mapped addresses against IPv4 ranges', () => {
    const idx = new CidrIndex<string>();
    idx.add('2001:db8::/32', 'doc');
    idx.add('2001:DB8::1', 'one');
    idx.add('2001:db8:8000::/33', 'upper-half');
    idx.add('1.2.3.0/24', 'v4');
    assert.deepEqual(ranges(idx, '2001:db8::1'), ['2001:db8::1', '2001:db8::/32']);
    assert.deepEqual(ranges(idx, '[2001:0db8:0:0::2]'), ['2001:db8::/32']);
    assert.deepEqual(ranges(idx, '2001:db8:ffff::1'), ['2001:db8:8000::/33', '2001:db8::/32']);
    assert.deepEqual(ranges(idx, '2001:db9::1'), []);
    assert.deepEqual(ranges(idx, '::ffff:1.2.3.4'), ['1.2.3.0/24']);
    assert.deepEqual(ranges(idx, '1.2.3.4'), ['1.2.3.0/24']);
  });

  it('keeps IPv4 and IPv6 apart', () => {
    const idx = new CidrIndex<string>();
    idx.add('::/0', 'all-v6');
    assert.deepEqual(ranges(idx, '1.2.3.4'), []);
    assert.deepEqual(ranges(idx, '2001:db8::1'), ['::/0']);
  });

  it('removes entries, and removing an absent one does nothing', () => {
    const idx = new CidrIndex<string>();
    idx.add('10.0.0.0/8', 'wide');
    idx.add('10.1.2.3', 'host');
    idx.add('2001:db8::/32', 'doc');
    idx.remove('10.1.2.3/32');
    assert.equal(idx.size, 2);
    assert.deepEqual(ranges(idx, '10.1.2.3'), ['10.0.0.0/8']);
    idx.remove('10.0.0.0/16');
    assert.equal(idx.size, 2);
    idx.remove('10.0.0.0/8');
    idx.remove('2001:db8::/32');
    assert.equal(idx.size, 0);
    assert.deepEqual(ranges(idx, '10.1.2.3'), []);
    assert.deepEqual(ranges(idx, '2001:db8::1'), []);
  });

  it('matches nothing for an unparsable address or a range', () => {
    const idx = new CidrIndex<string>();
    idx.add('0.0.0.0/0', 'all');
    assert.deepEqual(idx.match('not an ip'), []);
    assert.deepEqual(idx.match('1.2.3.0/24'), []);
    assert.deepEqual(idx.match(''), []);
  });
});
