/**
 * Two independent 32-bit string hashes, so keys are 64 bits wide: with 10 million keys the chance of any
 * false match per look-up is about 5e-13, and the index never has to keep the strings themselves.
 * `hashHi`/`hashLo` are set by `hashString` (module state, to avoid allocating a pair per call).
 */
export let hashHi = 0;
export let hashLo = 0;

/** Hashes `s` (with a per-namespace seed) into `hashHi`/`hashLo`. */
export function hashString(s: string, seed: number): void {
  let h1 = (0x811c9dc5 ^ seed) >>> 0;
  let h2 = (0x9747b28c + Math.imul(seed, 0x27d4eb2f)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  hashHi = fmix(h1 ^ s.length) >>> 0;
  hashLo = fmix(h2 ^ Math.imul(s.length, 0x9e3779b1)) >>> 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
