import type { FraudType } from '../domain/fraud-type.js';
import { classifyText, extractIndicators, type ExtractedIndicator } from '../text/index.js';
import { hash32 } from './person-state.js';

/** What screening needs from an SMS text: the model's verdict and the indicators written in it. */
export interface TextReading {
  fraud: boolean;
  score: number;
  type: FraudType;
  /** The model's probability for `type`. */
  typeScore: number;
  /** The phrases that pushed the score, for the warning's evidence. */
  reasons: string[];
  indicators: ExtractedIndicator[];
  /**
   * The message as a template: a hash of its text without spaces and with every digit run as one `0`, the same for
   * everyone a gang sends it to (amounts and numbers aside); 0 for a text too short to be anyone's in particular.
   */
  template: number;
}

type ModelReading = Omit<TextReading, 'indicators'>;

const CACHE_MAX = 50_000;
const NUMERAL = '0-9\\uFF10-\\uFF19〇一二三四五六七八九零壹贰叁肆伍陆柒捌玖两';
/**
 * What every indicator the extractor finds needs somewhere in the text: a Latin letter (URLs, domains, IDs,
 * packages, addresses, `QQ` / `V信`), a run of seven or more digits or digit-like characters with separators
 * (phone, card, QQ numbers), or a platform word that introduces an account (`微信号`, `扣扣`, `支付宝`). A text
 * with none of them — a verification code, a short notice — skips the extractor, the dearest step after the model.
 */
const MAY_HOLD_INDICATORS = new RegExp(
  `[A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A]|[${NUMERAL}][${NUMERAL}\\s\\-.·－]{5,}[${NUMERAL}]|微信|薇信|威信|维信|徽信|扣扣|企鹅|支付宝|飞机|电报|财付通|云闪付|钱包`,
);
const DIGIT_RUNS = /[0-9]+/g;
/** A template needs this many characters besides spaces: `在吗` or `好的，收到` are everybody's words. */
const TEMPLATE_MIN_CHARS = 12;

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
      const words = masked.replace(/\s+/g, '');
      const template = words.length >= TEMPLATE_MIN_CHARS ? hash32(`sms:${words}`) || 1 : 0;
      return { fraud: c.fraud, score: c.score, type: c.type ?? 'other', typeScore: c.typeScore, reasons: c.reasons.slice(0, 4).map((r) => r.phrase), template };
    });
    const indicators = MAY_HOLD_INDICATORS.test(text) ? this.found.get(text, () => extractIndicators(text)) : [];
    return { ...reading, indicators };
  }
}
