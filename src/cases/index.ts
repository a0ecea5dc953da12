export { ReportService, type ReportServiceOptions, type ReportOrigin, type SavedReport, type Suggestion, type Extracted, type Locate } from './report.service.js';
export { CaseService, type CaseDetail, type NewSuspect } from './case.service.js';
export { CaseLinker, type LinkerOptions, type SimilarCase, type Cluster } from './linker.js';
export { CASE_LINK_EXCLUSIONS, exclusionPredicate } from './exclusions.js';
export { openCases, openReportsOnLoss, type Cases, type CasesOptions, type DispatchLive } from './runtime.js';
export { parseReportBody, reportBody, type ReportBody, type ReportIssue } from './report.input.js';
export { visible, reportToWire, caseToWire, historyToWire, suspectToWire, type CaseScope } from './view.js';
export * from './types.js';
