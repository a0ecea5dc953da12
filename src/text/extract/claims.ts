import type { IndicatorKind } from '../../domain/indicator.js';

// Claims: a span found by one scanner is not looked at again by the next (a QQ number is not also a phone).

export interface Found {
  kind: IndicatorKind;
  canonical: string;
  /** Offsets into the folded view. */
  start: number;
  end: number;
}

let claimBuffer = new Uint8Array(1024);

export function releaseClaimBuffer(): void {
  claimBuffer = new Uint8Array(1024);
}

/** One flag per character of the view, cleared; reused across calls. */
export function claimMask(n: number): Uint8Array {
  if (claimBuffer.length <= n) claimBuffer = new Uint8Array(n * 2);
  claimBuffer.fill(0, 0, n + 1);
  return claimBuffer;
}

export function claimed(claims: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (claims[k] === 1) return true;
  return false;
}

export function add(
  found: Found[],
  claims: Uint8Array,
  kind: IndicatorKind,
  canonical: string,
  start: number,
  end: number,
): void {
  found.push({ kind, canonical, start, end });
  claims.fill(1, start, end);
}
