import type { InputProblem } from '../../domain/errors.js';
import { isFraudType, type FraudType } from '../../domain/fraud-type.js';
import type { IndicatorKind, IndicatorStatus } from '../../domain/indicator.js';
import type { Actor } from '../../domain/role.js';
import type { IndicatorService, IngestRecord } from '../indicator.service.js';
import { candidateKinds, normalize } from '../normalize/index.js';
import { parseImport, splitLines, type ImportFormat } from './records.js';

export interface ImportOptions {
  format: ImportFormat;
  /** Kind of every value, unless a line says otherwise; detected per value when absent. */
  kind?: IndicatorKind;
  status?: IndicatorStatus;
  fraudTypes?: FraudType[];
  /** Who the file speaks for, e.g. `import:phishtank`; one independent reporter for sightings. */
  reporter: string;
  actor: Actor;
  defaultCallingCode?: string;
  /** Called after each batch with the number of lines read so far. */
  onProgress?: (lines: number) => void;
  batchSize?: number;
}

export interface ImportReport {
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  /** The first problems, with their line numbers (all are counted in `rejectedCount`). */
  rejected: InputProblem[];
}

const MAX_LISTED_PROBLEMS = 1000;

/**
 * Streams an import file through the parser, the per-kind normaliser and the lifecycle service in batches,
 * each batch one transaction: every good line is imported, every bad one reported with its line number, and
 * a crash leaves whole batches only (running the same import again completes it, changing nothing twice).
 */
export async function importIndicators(
  service: IndicatorService,
  source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = { lines: 0, created: 0, updated: 0, unchanged: 0, rejectedCount: 0, rejected: [] };
  const reject = (problem: InputProblem) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_LISTED_PROBLEMS) report.rejected.push(problem);
  };
  const batchSize = options.batchSize ?? 2000;
  let batch: IngestRecord[] = [];
  let lastLine = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const summary = await service.ingest(batch, {
      actor: options.actor,
      reporter: options.reporter,
      status: options.status,
      fraudTypes: options.fraudTypes,
    });
    report.created += summary.created;
    report.updated += summary.updated;
    report.unchanged += summary.unchanged;
    summary.rejected.forEach(reject);
    batch = [];
    options.onProgress?.(lastLine);
  };

  for await (const parsed of parseImport(options.format, splitLines(source))) {
    if (!parsed.ok) {
      lastLine = Math.max(lastLine, parsed.problem.line);
      reject({ at: parsed.problem.line, code: parsed.problem.code, reason: parsed.problem.reason });
      continue;
    }
    const r = parsed.record;
    lastLine = Math.max(lastLine, r.line);
    const badType = r.fraudTypes?.find((t) => !isFraudType(t));
    if (badType !== undefined) {
      reject({ at: r.line, code: 'INVALID_FRAUD_TYPE', reason: `unknown fraud type ${JSON.stringify(badType)}` });
      continue;
    }
    let kind = r.kind ?? options.kind ?? candidateKinds(r.value)[0];
    if (!kind) {
      reject({ at: r.line, code: 'UNRECOGNISED_VALUE', reason: 'cannot tell the kind of this value; give --kind' });
      continue;
    }
    let normalized = normalize(kind, r.value, { defaultCallingCode: options.defaultCallingCode });
    // Host lists mix names and addresses: an address in a domain list is an `ip` indicator.
    if (!normalized.ok && kind === 'domain' && normalized.code === 'DOMAIN_IS_IP') {
      kind = 'ip';
      normalized = normalize('ip', r.value);
    }
    if (!normalized.ok) {
      reject({ at: r.line, code: normalized.code, reason: normalized.reason });
      continue;
    }
    batch.push({
      kind,
      value: normalized.canonical,
      at: r.line,
      status: r.status,
      fraudTypes: r.fraudTypes as FraudType[] | undefined,
      score: r.score,
      expiresAt: r.expiresAt,
      note: r.note,
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  report.lines = lastLine;
  return report;
}
