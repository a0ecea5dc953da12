import { createHash } from 'node:crypto';
import { invalid, type NormalizeResult } from './result.js';

export interface CryptoAddressInfo {
  chain: 'btc' | 'evm' | 'tron';
  /**
   * Base58Check (BTC legacy, TRON), bech32/bech32m (BTC SegWit) or EIP-55 (mixed-case EVM) checksum.
   * Reported, not enforced: a mistyped address in a report is still worth keeping. null when the address
   * carries no checksum (an all-lower- or all-upper-case EVM address).
   */
  checksumValid: boolean | null;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BTC_LEGACY = /^[13][1-9A-HJ-NP-Za-km-z]{24,33}$/;
const TRON = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;
const EVM = /^0x[0-9a-f]{40}$/i;
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
// BIP-173/350: "bc" + "1" + witness version + a 2-40 byte program + 6 checksum characters.
const BTC_SEGWIT = /^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71}$/;
const URI_PREFIX = /^(?:bitcoin|ethereum|tron):/i;

/**
 * Canonical crypto address: BTC legacy (1…/3…) and TRON (T…) as given (base58 is case-sensitive), BTC SegWit
 * (bc1…) and EVM (0x + 40 hex) lower-cased. A `bitcoin:`/`ethereum:`/`tron:` payment URI is reduced to its address.
 */
export function normalizeCryptoAddress(raw: string): NormalizeResult<CryptoAddressInfo> {
  let s = raw.normalize('NFKC').trim();
  if (URI_PREFIX.test(s)) s = s.replace(URI_PREFIX, '').replace(/[?@/].*$/s, '');

  if (EVM.test(s)) {
    const canonical = `0x${s.slice(2).toLowerCase()}`;
    const hex = s.slice(2);
    const mixed = /[a-f]/.test(hex) && /[A-F]/.test(hex);
    return ok(canonical, 'evm', mixed ? hex === eip55(canonical.slice(2)) : null);
  }
  if (/^bc1/i.test(s)) {
    const lower = s.toLowerCase();
    if (!BTC_SEGWIT.test(lower)) {
      return invalid('INVALID_CRYPTO_ADDRESS', 'a bc1 address has 14-74 characters from the bech32 alphabet');
    }
    return ok(lower, 'btc', segwitValid(lower));
  }
  if (TRON.test(s)) return ok(s, 'tron', base58CheckVersion(s) === 0x41);
  if (BTC_LEGACY.test(s)) {
    const version = base58CheckVersion(s);
    return ok(s, 'btc', version === (s[0] === '1' ? 0x00 : 0x05));
  }
  return invalid(
    'INVALID_CRYPTO_ADDRESS',
    'not a Bitcoin (1…, 3…, bc1…), EVM (0x + 40 hex digits) or TRON (T… , 34 characters) address',
  );
}

function ok(canonical: string, chain: CryptoAddressInfo['chain'], checksumValid: boolean | null) {
  return { ok: true as const, canonical, info: { chain, checksumValid } };
}

// ------------------------------------------------------------------------------------------------ Base58Check

function base58Decode(s: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of s) {
    let carry = BASE58.indexOf(ch);
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/** The version byte of a 25-byte Base58Check payload whose checksum holds, else null. */
function base58CheckVersion(s: string): number | null {
  const bytes = base58Decode(s);
  if (bytes.length !== 25) return null;
  const payload = bytes.subarray(0, 21);
  const sha = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  for (let i = 0; i < 4; i++) if (sha[i] !== bytes[21 + i]) return null;
  return bytes[0];
}

// ---------------------------------------------------------------------------------------------- bech32 (SegWit)

const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GEN[i]) >>> 0;
  }
  return chk;
}

/** BIP-173 checksum for witness version 0, BIP-350 (bech32m) for 1-16, and a well-formed program. */
function segwitValid(address: string): boolean {
  const hrp = 'bc';
  const data = [...address.slice(3)].map((c) => BECH32_CHARSET.indexOf(c));
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const check = polymod([...expanded, ...data]);
  const version = data[0];
  if (version > 16) return false;
  if (check !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  // Regroup the 5-bit program into bytes; leftover bits must be fewer than 5 and zero.
  let acc = 0;
  let bits = 0;
  let length = 0;
  for (const v of data.slice(1, -6)) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      length++;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits >= 5 || acc !== 0) return false;
  if (length < 2 || length > 40) return false;
  return version !== 0 || length === 20 || length === 32;
}

// --------------------------------------------------------------------------------------------- EIP-55 (keccak)

const MASK64 = (1n << 64n) - 1n;
const KECCAK_RC = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn,
  0x0000000080000001n, 0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n,
  0x0000000080008009n, 0x000000008000000an, 0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n,
  0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n, 0x000000000000800an, 0x800000008000000an,
  0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
// Rotation offsets by lane index x + 5y.
const KECCAK_ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

function rotl(v: bigint, n: number): bigint {
  return n === 0 ? v : ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK64;
}

function keccakF(a: bigint[]): void {
  const b = new Array<bigint>(25);
  const c = new Array<bigint>(5);
  for (const rc of KECCAK_RC) {
    for (let x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (let y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], KECCAK_ROT[x + 5 * y]);
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) a[x + y] = b[x + y] ^ (~b[((x + 1) % 5) + y] & MASK64 & b[((x + 2) % 5) + y]);
    }
    a[0] ^= rc;
  }
}

/**
 * Keccak-256 as Ethereum uses it (the original padding, not SHA3-256's), which node:crypto does not offer.
 * BigInt lanes: slow, but it runs once per mixed-case address.
 */
export function keccak256(input: Uint8Array): Uint8Array {
  const rate = 136;
  const padded = new Uint8Array(Math.floor(input.length / rate + 1) * rate);
  padded.set(input);
  padded[input.length] ^= 0x01;
  padded[padded.length - 1] ^= 0x80;
  const state = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k]);
      state[i] ^= lane;
    }
    keccakF(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((state[i >> 3] >> BigInt(8 * (i & 7))) & 0xffn);
  return out;
}

/** EIP-55 mixed-case form of 40 lower-case hex digits. */
function eip55(lowerHex: string): string {
  const hash = keccak256(new TextEncoder().encode(lowerHex));
  let out = '';
  for (let i = 0; i < lowerHex.length; i++) {
    const nibble = (hash[i >> 1] >> (i & 1 ? 0 : 4)) & 0xf;
    out += nibble >= 8 ? lowerHex[i].toUpperCase() : lowerHex[i];
  }
  return out;
}
