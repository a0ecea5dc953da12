import fs from 'node:fs';
import type { Command } from 'commander';
import { CASE_STATUSES, caseToWire, historyToWire, openCases, reportToWire, suspectToWire, type CaseStatus, type Cases } from '../../cases/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { openFunds } from '../../funds/index.js';
import { isFraudType } from '../../domain/fraud-type.js';
import { TextService } from '../../text/index.js';
import { CLI_ACTOR, run, withRuntime } from '../runtime.js';

/** The CLI works as the city centre: every report and case, personal data in full. */
const CITY = { level: 'city' } as const;

const out = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

async function withCases(body: (c: Cases) => Promise<void>): Promise<void> {
  await withRuntime({ index: false }, async (rt) => {
    // A report's losses get their stop-payment orders from the CLI too.
    const funds = openFunds(rt.store, rt.config);
    const cases = await openCases(rt.store, {
      text: new TextService(rt.catalog.checker, rt.config.FANZHA_TEXT_THRESHOLD),
      indicators: rt.catalog.service,
      maxCases: rt.config.FANZHA_CASE_LINK_MAX_CASES,
      onLosses: async (losses) => void (await funds.stopPayForReport(losses, CLI_ACTOR)),
    });
    await body(cases);
  });
}

/** Records of a JSON array, one JSON object, or NDJSON lines; each with the line it starts on (null: not JSON). */
export function reportRecords(text: string): Array<{ line: number; record: unknown; error?: string }> {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return (JSON.parse(trimmed) as unknown[]).map((record, i) => ({ line: i + 1, record }));
    } catch {
      // Not one array: read it line by line below, so that the good lines still count.
    }
  }
  if (trimmed.startsWith('{') && trimmed.includes('\n')) {
    try {
      return [{ line: 1, record: JSON.parse(trimmed) as unknown }];
    } catch {
      // NDJSON.
    }
  }
  const out: Array<{ line: number; record: unknown; error?: string }> = [];
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    try {
      out.push({ line: i + 1, record: JSON.parse(l) as unknown });
    } catch (err) {
      out.push({ line: i + 1, record: null, error: (err as Error).message });
    }
  });
  return out;
}

function caseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new FanzhaError('VALIDATION_FAILED', `not a case id: ${raw}`);
  return id;
}

/** `fanzha reports add|list` and `fanzha cases list|show|status|similar|clusters` (NDJSON out). */
export function casesCommands(program: Command): void {
  const r = program.command('reports').description('victim reports (hotline, public page, dispatch outcomes)');
  r.command('add')
    .argument('<file>', 'JSON (one report or an array) or NDJSON of reports, or - for standard input')
    .description('add reports; a bad record is reported with its line and the good ones are kept')
    .action((file: string) =>
      run(async () => {
        if (file !== '-' && !fs.existsSync(file)) throw new FanzhaError('NOT_FOUND', `no file ${file}`);
        const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
        await withCases(async ({ reports }) => {
          let added = 0;
          let rejected = 0;
          for (const { line, record, error } of reportRecords(text)) {
            if (error !== undefined) {
              rejected++;
              process.stderr.write(`line ${line}: INVALID_JSON ${error}\n`);
              continue;
            }
            try {
              const { report } = await reports.create(record, CLI_ACTOR);
              added++;
              out({ line, id: report.id, status: report.status, caseId: report.caseId });
            } catch (err) {
              if (!(err instanceof FanzhaError)) throw err;
              rejected++;
              const issues = (err.details as { issues?: Array<{ path: string; code: string; message: string }> } | undefined)?.issues;
              const why = issues ? issues.map((i) => `${i.path} ${i.code}: ${i.message}`).join('; ') : err.message;
              process.stderr.write(`line ${line}: ${err.code} ${why}\n`);
            }
          }
          process.stderr.write(`${added} added, ${rejected} rejected\n`);
        });
      }),
    );
  r.command('list')
    .description('reports as NDJSON, newest first')
    .option('--status <status>', 'draft or submitted')
    .option('--limit <n>', 'at most', '100')
    .action((opts: { status?: string; limit: string }) =>
      run(() =>
        withCases(async ({ reports }) => {
          if (opts.status && opts.status !== 'draft' && opts.status !== 'submitted') throw new FanzhaError('VALIDATION_FAILED', '--status is draft or submitted');
          for (const rep of await reports.list({ status: opts.status as 'draft' | 'submitted' | undefined, limit: Number(opts.limit) })) out(reportToWire(rep, true));
        }),
      ),
    );

  const c = program.command('cases').description('cases (立案 / 破案 / 移送起诉), suspects and case links (串并案)');
  c.command('list')
    .description('cases as NDJSON, newest first')
    .option('--status <status>', CASE_STATUSES.join(', '))
    .option('--type <code>', 'fraud-type code')
    .option('--limit <n>', 'at most', '100')
    .action((opts: { status?: string; type?: string; limit: string }) =>
      run(() =>
        withCases(async ({ cases }) => {
          if (opts.status && !(CASE_STATUSES as readonly string[]).includes(opts.status)) throw new FanzhaError('VALIDATION_FAILED', `--status is one of ${CASE_STATUSES.join(', ')}`);
          if (opts.type && !isFraudType(opts.type)) throw new FanzhaError('VALIDATION_FAILED', `unknown fraud type ${opts.type}`);
          const list = await cases.list(CITY, { status: opts.status as CaseStatus | undefined, fraudType: opts.type as never, limit: Number(opts.limit) });
          for (const x of list) out(caseToWire(x));
        }),
      ),
    );
  c.command('show')
    .argument('<id>')
    .description('one case with its reports, suspects, links and history')
    .action((id: string) =>
      run(() =>
        withCases(async ({ cases }) => {
          const d = await cases.show(CITY, caseId(id));
          out({
            case: caseToWire(d.case), reports: d.reports.map((x) => reportToWire(x, true)), suspects: d.suspects.map((s) => suspectToWire(s, true)),
            history: d.history.map(historyToWire), links: d.links.map((l) => ({ ...l, case: l.case && caseToWire(l.case) })), cluster: d.cluster,
          });
        }),
      ),
    );
  c.command('status')
    .argument('<id>')
    .argument('<status>', CASE_STATUSES.join(', '))
    .option('--note <text>')
    .description('move a case along its lifecycle')
    .action((id: string, status: string, opts: { note?: string }) =>
      run(() =>
        withCases(async ({ cases }) => {
          if (!(CASE_STATUSES as readonly string[]).includes(status)) throw new FanzhaError('VALIDATION_FAILED', `status is one of ${CASE_STATUSES.join(', ')}`);
          out(caseToWire(await cases.move(CITY, caseId(id), status as CaseStatus, CLI_ACTOR, opts.note)));
        }),
      ),
    );
  c.command('similar')
    .argument('<id>')
    .option('--limit <n>', 'at most', '20')
    .description('cases sharing indicators with this one, best first')
    .action((id: string, opts: { limit: string }) =>
      run(() =>
        withCases(async ({ cases }) => {
          for (const s of await cases.similar(CITY, caseId(id), Number(opts.limit))) out({ ...s, case: s.case && caseToWire(s.case) });
        }),
      ),
    );
  c.command('clusters')
    .option('--limit <n>', 'at most', '50')
    .description('clusters of linked cases, largest first, with their shared indicators')
    .action((opts: { limit: string }) =>
      run(() =>
        withCases(async ({ cases }) => {
          for (const cl of await cases.clusters(Number(opts.limit))) out(cl);
        }),
      ),
    );
}
