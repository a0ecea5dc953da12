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

type ModelReading = Omit<TextReading, 'indicators'>;

const CACHE_MAX = 50_000;
const DIGIT_RUNS = /[0-9]+/g;

/** A map that forgets everything when full: flat cost, and templated texts are back in it at once. */
class Memo<V> {
  private readonly map = new Map<string, V>();

  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= CACHE_MAX) this.map.clear();
      v = make();
      this.map.set(key, v);
    }
    return v;
  }
}

/**
 * The fraud-text model and the indicator extraction for SMS, each behind a bounded cache: campaign, notice and
 * advertising SMS repeat, and the model is the dearest step of screening an SMS. The model's cache is keyed by
 * the text with each run of ASCII digits replaced by one `0`, because the model reads every digit run as one
 * placeholder, so verification codes and amounts that differ only in digits share one reading. The indicators are keyed by the
 * exact text (their digits matter) and are looked up afresh for every event.
 */
export class TextReader {
  private readonly model = new Memo<ModelReading>();
  private readonly found = new Memo<ExtractedIndicator[]>();

  constructor(private readonly defaultThreshold?: number) {}

  read(text: string, threshold = this.defaultThreshold): TextReading {
    const masked = text.replace(DIGIT_RUNS, '0');
    const reading = this.model.get(threshold === undefined ? masked : `${threshold}\u0000${masked}`, () => {
      const c = classifyText(text, threshold === undefined ? {} : { threshold });
      return { fraud: c.fraud, score: c.score, type: c.type ?? 'other', reasons: c.reasons.slice(0, 4).map((r) => r.phrase) };
    });
    return { ...reading, indicators: this.found.get(text, () => extractIndicators(text)) };
  }
}
