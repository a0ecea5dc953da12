import type { FraudType } from '../domain/fraud-type.js';
import { classifyText, extractIndicators, type ExtractedIndicator } from '../text/index.js';

/** What screening needs from an SMS text: the model's verdict and the indicators written in it. */
export interface TextReading {
  fraud: boolean;
  score: number;
  type: FraudType;
  /** The phrases that pushed the score, for the warning's evidence. */
  reasons: string[];
  indicators: ExtractedIndicator[];
}

const CACHE_MAX = 50_000;

/**
 * The fraud-text model and the indicator extraction for SMS, with a bounded cache by text: campaign, notice and
 * advertising SMS repeat word for word, and the model is the dearest step of screening an SMS. The cache holds
 * readings, not verdicts: indicators found in a text are looked up afresh for every event.
 */
export class TextReader {
  private readonly cache = new Map<string, TextReading>();

  constructor(private readonly defaultThreshold?: number) {}

  read(text: string, threshold = this.defaultThreshold): TextReading {
    const key = threshold === undefined ? text : `${threshold}\u0000${text}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const c = classifyText(text, threshold === undefined ? {} : { threshold });
    const reading: TextReading = {
      fraud: c.fraud,
      score: c.score,
      type: c.type ?? 'other',
      reasons: c.reasons.slice(0, 4).map((r) => r.phrase),
      indicators: extractIndicators(text),
    };
    // Dropping everything when full keeps the cache's cost flat; templated texts come back at once.
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, reading);
    return reading;
  }
}
