import { hashHi, hashLo, hashString } from './hash.js';

/**
 * Open-addressing hash table from a 64-bit string hash to a row number, in typed arrays: 12 bytes a slot,
 * no per-key objects, so ten million keys cost about 200 MB less than a Map of strings would.
 */
export class KeyTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** row + 1; 0 marks an empty slot. */
  private rows: Int32Array;
  private mask: number;
  private used = 0;

  constructor(expected = 1024) {
    const capacity = nextPow2(Math.max(16, Math.ceil(expected / 0.6)));
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.rows.byteLength;
  }

  /** Row stored for `key` in namespace `seed`, or -1. */
  get(key: string, seed: number): number {
    hashString(key, seed);
    const hi = hashHi;
    const lo = hashLo;
    let slot = lo & this.mask;
    for (;;) {
      const row = this.rows[slot];
      if (row === 0) return -1;
      if (this.hi[slot] === hi && this.lo[slot] === lo) return row - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores `row` for `key`, replacing what was there. */
  set(key: string, seed: number, row: number): void {
    if ((this.used + 1) / (this.mask + 1) > 0.7) this.grow();
    hashString(key, seed);
    this.place(hashHi, hashLo, row + 1, true);
  }

  private place(hi: number, lo: number, rowPlusOne: number, count: boolean): void {
    let slot = lo & this.mask;
    for (;;) {
      const row = this.rows[slot];
      if (row === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.rows[slot] = rowPlusOne;
        if (count) this.used++;
        return;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) {
        this.rows[slot] = rowPlusOne;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { hi, lo, rows } = this;
    const capacity = (this.mask + 1) * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < rows.length; i++) if (rows[i] !== 0) this.place(hi[i], lo[i], rows[i], false);
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
