import { hashHi, hashLo, hashString } from './hash.js';

const STRIDE = 3; // hi, lo, row + 1 side by side: one cache line per probe

/**
 * Open-addressing hash table from a 64-bit string hash to a row number, in one typed array: 12 bytes a slot,
 * no per-key objects, so ten million keys cost about 200 MB less than a Map of strings would.
 */
export class KeyTable {
  private slots: Uint32Array;
  private mask: number;
  private used = 0;

  constructor(expected = 1024) {
    const capacity = nextPow2(Math.max(16, Math.ceil(expected / 0.6)));
    this.slots = new Uint32Array(capacity * STRIDE);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Row stored for `key` in namespace `seed`, or -1. */
  get(key: string, seed: number): number {
    hashString(key, seed);
    return this.getHashed();
  }

  /** Row stored under the key last hashed into `hashHi`/`hashLo`, or -1. */
  getHashed(): number {
    const hi = hashHi;
    const lo = hashLo;
    const slots = this.slots;
    let i = (lo & this.mask) * STRIDE;
    for (;;) {
      const row = slots[i + 2];
      if (row === 0) return -1;
      if (slots[i] === hi && slots[i + 1] === lo) return row - 1;
      i += STRIDE;
      if (i === slots.length) i = 0;
    }
  }

  /** Stores `row` for `key`, replacing what was there. */
  set(key: string, seed: number, row: number): void {
    hashString(key, seed);
    this.setHashed(row);
  }

  /** Stores `row` under the key last hashed into `hashHi`/`hashLo`. */
  setHashed(row: number): void {
    const hi = hashHi;
    const lo = hashLo;
    if ((this.used + 1) / (this.mask + 1) > 0.7) this.grow();
    if (this.place(hi, lo, row + 1)) this.used++;
  }

  /** Returns true when the key was new. */
  private place(hi: number, lo: number, rowPlusOne: number): boolean {
    const slots = this.slots;
    let i = (lo & this.mask) * STRIDE;
    for (;;) {
      if (slots[i + 2] === 0) {
        slots[i] = hi;
        slots[i + 1] = lo;
        slots[i + 2] = rowPlusOne;
        return true;
      }
      if (slots[i] === hi && slots[i + 1] === lo) {
        slots[i + 2] = rowPlusOne;
        return false;
      }
      i += STRIDE;
      if (i === slots.length) i = 0;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * STRIDE);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i += STRIDE) if (old[i + 2] !== 0) this.place(old[i], old[i + 1], old[i + 2]);
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
