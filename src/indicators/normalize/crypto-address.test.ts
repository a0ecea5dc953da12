import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keccak256, normalizeCryptoAddress } from './crypto-address.js';

function accepted(raw: string) {
  const r = normalizeCryptoAddress(raw);
  assert.ok(r.ok, `expected ${raw} to be accepted: ${JSON.stringify(r)}`);
  const again = normalizeCryptoAddress(r.canonical);
  assert.ok(again.ok);
  assert.equal(again.canonical, r.canonical, 'idempotent');
  return r;
}

/** The same string with one character changed to another of the same alphabet. */
function typo(address: string, at: number, replacement: string): string {
  assert.notEqual(address[at], replacement);
  return address.slice(0, at) + replacement + address.slice(at + 1);
}

describe('normalizeCryptoAddress: Bitcoin', () => {
  it('keeps legacy base58 addresses as given and checks Base58Check', () => {
    const p2pkh = accepted('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    assert.equal(p2pkh.canonical, '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    assert.deepEqual(p2pkh.info, { chain: 'btc', checksumValid: true });
    assert.deepEqual(accepted('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy').info, { chain: 'btc', checksumValid: true });
  });

  it('reports, but keeps, a legacy address with a bad checksum', () => {
    const r = accepted(typo('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 33, 'b'));
    assert.equal(r.info.checksumValid, false);
  });

  it('lower-cases bech32 addresses and checks bech32 (v0) and bech32m (v1)', () => {
    const upper = accepted('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4');
    assert.equal(upper.canonical, 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    assert.deepEqual(upper.info, { chain: 'btc', checksumValid: true });
    const p2wsh = accepted('bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3');
    assert.equal(p2wsh.info.checksumValid, true);
    const taproot = accepted('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0');
    assert.equal(taproot.info.checksumValid, true);
  });

  it('reports a bech32 typo, and a v1 address under the v0 checksum, as invalid', () => {
    assert.equal(accepted('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5').info.checksumValid, false);
    // BIP-350 test vectors: v1 with a bech32 checksum, v0 with a bech32m checksum.
    assert.equal(accepted('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd').info.checksumValid, false);
    assert.equal(accepted('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh').info.checksumValid, false);
  });
});

describe('normalizeCryptoAddress: EVM', () => {
  it('lower-cases 0x + 40 hex', () => {
    const r = accepted('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    assert.equal(r.canonical, '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
    assert.deepEqual(r.info, { chain: 'evm', checksumValid: true });
  });

  it('checks EIP-55 on mixed case only', () => {
    for (const a of [
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ]) {
      assert.equal(accepted(a).info.checksumValid, true, a);
    }
    assert.equal(accepted('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD').info.checksumValid, false);
    assert.equal(accepted('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed').info.checksumValid, null);
    assert.equal(accepted('0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED').info.checksumValid, null);
  });

  it('reduces an ethereum: payment URI to its address', () => {
    const r = accepted('ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1/transfer?address=0x1&uint256=1');
    assert.equal(r.canonical, '0xdac17f958d2ee523a2206206994597c13d831ec7');
  });

  it('computes Keccak-256 with the original padding', () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    assert.equal(hex(keccak256(new Uint8Array())), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    assert.equal(hex(keccak256(Buffer.from('abc'))), '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });
});

describe('normalizeCryptoAddress: TRON', () => {
  it('keeps a T… address as given and checks Base58Check with version 0x41', () => {
    // The USDT-TRC20 contract.
    const r = accepted('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    assert.equal(r.canonical, 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    assert.deepEqual(r.info, { chain: 'tron', checksumValid: true });
    assert.equal(accepted(typo('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 33, 'T')).info.checksumValid, false);
  });

  it('trims and folds full-width input', () => {
    assert.equal(accepted('  ＴＲ7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ').canonical, 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
  });
});

describe('normalizeCryptoAddress: rejections', () => {
  it('rejects what is no address with INVALID_CRYPTO_ADDRESS', () => {
    for (const raw of [
      '',
      'hello',
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae', // 39 hex
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedg',
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a', // 0 is not base58
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6', // 33 characters
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb', // b is not bech32
      'bc1qshort',
      'tb1qw508d6qejxtdg4c5r3zarvary0c5xw7kxpjzsx', // testnet
    ]) {
      const r = normalizeCryptoAddress(raw);
      assert.equal(!r.ok && r.code, 'INVALID_CRYPTO_ADDRESS', raw);
    }
  });
});
