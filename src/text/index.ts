export { extractIndicators, type ExtractedIndicator } from './extract/index.js';
export { TextService, type TextAnalysis, type TextIndicator } from './text.service.js';
export {
  classifyText,
  loadTextModel,
  type ClassifierOptions,
  type TextClassification,
  type TextReason,
} from './classifier.js';
export { normalizeText } from './normalize-text.js';
