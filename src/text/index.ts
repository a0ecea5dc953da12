export { extractIndicators, type ExtractedIndicator } from './extract.js';
