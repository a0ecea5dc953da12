import type { CheckResult, CheckService } from '../indicators/index.js';
import { classifyText, type TextClassification } from './classifier.js';
import { extractIndicators } from './extract/index.js';

/** An indicator found in a text, with its look-up answer and where it stands in the text. */
export type TextIndicator = CheckResult & { start: number; end: number };

export interface TextAnalysis extends TextClassification {
  indicators: TextIndicator[];
  /**
   * What to tell the reader: `block` when a known-fraud indicator is in the text, `warn` when the model or a
   * reported indicator says fraud, `unknown` otherwise.
   */
  verdict: CheckResult['verdict'];
}

const ORDER = { block: 3, warn: 2, unknown: 1, allow: 0 } as const;

/** Reads a text the way the whole product does: the fraud-text model plus the indicators in it, looked up. */
export class TextService {
  constructor(
    private readonly checker: CheckService,
    private readonly threshold?: number,
  ) {}

  analyse(text: string): TextAnalysis {
    const model = classifyText(text, this.threshold === undefined ? {} : { threshold: this.threshold });
    const indicators = extractIndicators(text).map((f) => ({ ...this.checker.check(f.canonical, f.kind), value: f.raw, start: f.start, end: f.end }));
    let verdict: CheckResult['verdict'] = model.fraud ? 'warn' : 'unknown';
    for (const i of indicators) if (i.verdict !== 'allow' && ORDER[i.verdict] > ORDER[verdict]) verdict = i.verdict;
    return { ...model, indicators, verdict };
  }
}
