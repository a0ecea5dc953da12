import { normalize } from '../../indicators/normalize/index.js';
import { add, type Found } from './claims.js';
import type { View } from './fold.js';

// Crypto addresses

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
const CRYPTO_RE = new RegExp(
  '(?<![A-Za-z0-9])(?:' +
    [
      '0x[0-9a-fA-F]{40}', // EVM
      `T${BASE58}{33}`, // TRON
      'bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71}', // Bitcoin SegWit, one case throughout
      `[13]${BASE58}{25,33}`, // Bitcoin legacy
    ].join('|') +
    ')(?![A-Za-z0-9])',
  'g',
);

export function scanCrypto(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  CRYPTO_RE.lastIndex = 0;
  for (let m = CRYPTO_RE.exec(t); m !== null; m = CRYPTO_RE.exec(t)) {
    const s = m[0];
    const r = normalize('crypto_address', s);
    if (!r.ok) continue;
    // EVM and TRON shapes are unmistakable; a Bitcoin one could be any alphanumeric token, so it must check out.
    const c0 = s.charCodeAt(0);
    if (c0 === 0x31 || c0 === 0x33 || c0 === 0x62 || c0 === 0x42) {
      if (!/[A-Za-z]/.test(s) || checksumOf(r.info) !== true) continue;
    }
    add(found, claims, 'crypto_address', r.canonical, m.index, m.index + s.length);
  }
}

function checksumOf(info: unknown): boolean | null {
  if (typeof info === 'object' && info !== null && 'checksumValid' in info) {
    const v = (info as { checksumValid: unknown }).checksumValid;
    return typeof v === 'boolean' ? v : null;
  }
  return null;
}
