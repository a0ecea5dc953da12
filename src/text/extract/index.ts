import type { IndicatorKind } from '../../domain/indicator.js';
import { scanAccounts, scanSameNumber } from './accounts.js';
import { scanApps } from './apps.js';
import { claimMask, releaseClaimBuffer, type Found } from './claims.js';
import { scanCrypto } from './crypto.js';
import { foldText, releaseFoldBuffers } from './fold.js';
import { scanNumbers } from './numbers.js';
import { scanUrls } from './urls.js';

/**
 * Indicator extraction from free Chinese text: scam SMS and chat messages pasted by citizens, narratives typed by
 * hotline operators. Scammers obfuscate (full-width letters, `evil[.]com`, `e v i l . c o m`, phone numbers in
 * Chinese digits, `薇信` for 微信), so the text is first folded into a plain view that keeps, for every character,
 * where it came from; targeted scanners find candidates in that view, every candidate goes through the project's
 * one normaliser of its kind, and offsets are mapped back to the original text.
 *
 * Detection is deliberately separate from canonicalisation: nothing here decides what an indicator's canonical
 * form is, it only decides which span of text is one and hands the de-obfuscated span to the normaliser.
 */
export interface ExtractedIndicator {
  kind: IndicatorKind;
  /** The span as written in the original text. */
  raw: string;
  /** The canonical form, from the kind's normaliser. */
  canonical: string;
  /** Offsets into the original text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
}

/** Every indicator in the text, in order of appearance, de-duplicated by kind+canonical (first occurrence kept). */
export function extractIndicators(text: string): ExtractedIndicator[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const view = foldText(text);
  const found: Found[] = [];
  const claims = claimMask(view.text.length);
  scanCrypto(view, found, claims);
  scanAccounts(view, found, claims);
  scanUrls(view, found, claims);
  scanNumbers(view, found, claims);
  scanSameNumber(view, found);
  scanApps(view, found, claims);

  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const seen = new Set<string>();
  const out: ExtractedIndicator[] = [];
  for (const f of found) {
    const key = `${f.kind}\u0000${f.canonical}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const start = view.from[f.start];
    const end = view.to[f.end - 1];
    out.push({ kind: f.kind, raw: text.slice(start, end), canonical: f.canonical, start, end });
  }
  if (text.length > KEEP_BUFFERS_UP_TO) releaseBuffers();
  return out;
}

/** Scratch buffers sized for one huge text are not worth keeping for the next SMS. */
const KEEP_BUFFERS_UP_TO = 1 << 16;

function releaseBuffers(): void {
  releaseFoldBuffers();
  releaseClaimBuffer();
}
