/**
 * Two independent 32-bit string hashes, so keys are 64 bits wide: with 10 million keys the chance of any
 * false match per look-up is about 5e-13, and the index never has to keep the strings themselves.
 * Results land in `hashHi`/`hashLo` (module state, to avoid allocating a pair per call).
 */
export let hashHi = 0;
export let hashLo = 0;

/** The unseeded hash of `s` into `hashHi`/`hashLo`. */
export function hashRaw(s: string): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  hashHi = fmix(h1 ^ s.length) >>> 0;
  hashLo = fmix(h2 ^ Math.imul(s.length, 0x9e3779b1)) >>> 0;
}

/** The hash of `s` in namespace `seed` (one per indicator kind) into `hashHi`/`hashLo`. */
export function hashString(s: string, seed: number): void {
  hashRaw(s);
  hashSeeded(hashHi, hashLo, seed);
}

/** The hash in namespace `seed` of a string whose raw hash is (rawHi, rawLo), into `hashHi`/`hashLo`. */
export function hashSeeded(rawHi: number, rawLo: number, seed: number): void {
  hashHi = fmix(rawHi ^ Math.imul(seed, 0x27d4eb2f)) >>> 0;
  hashLo = fmix(rawLo + Math.imul(seed, 0x165667b1)) >>> 0;
}

/**
 * The hash of the pair (a, b) in namespace `seed` from the raw hashes of its halves: a URL expression
 * `host + path` is keyed this way, so a look-up hashes each host and each path once, not every combination.
 */
export function hashPair(aHi: number, aLo: number, bHi: number, bLo: number, seed: number): void {
  hashHi = fmix(aHi ^ Math.imul(bHi ^ 0x85ebca6b, 0x27d4eb2f) ^ Math.imul(seed, 0x165667b1)) >>> 0;
  hashLo = fmix((aLo + Math.imul(bLo ^ 0xc2b2ae35, 0x9e3779b1) + Math.imul(seed, 0x27d4eb2f)) | 0) >>> 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
