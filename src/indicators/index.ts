export { IndicatorCatalog, type LoadStats } from './catalog.js';
export { CheckService, type CheckResult, type CheckMatch, type Verdict } from './check.service.js';
export { IndicatorService, type IngestRecord, type IngestOptions, type IngestSummary } from './indicator.service.js';
export { importIndicators, type ImportOptions, type ImportReport } from './import/importer.js';
export { IMPORT_FORMATS, isImportFormat, type ImportFormat } from './import/records.js';
export { normalize, canonical, candidateKinds, canonicalizeUrl, describePhone, normalizeBankCard } from './normalize/index.js';
export type { NormalizeResult } from './normalize/index.js';
export { normalizeAllowValue } from './allowlist.js';
export { phoneSegments, mobileRegionId, type PhoneSegments } from './normalize/phone-segments.js';
