import fs from 'node:fs';
import type { Command } from 'commander';
import { FanzhaError } from '../../domain/errors.js';
import { FRAUD_TYPE_CODES, isFraudType, type FraudType } from '../../domain/fraud-type.js';
import { isIndicatorKind, isIndicatorStatus, type Indicator, type IndicatorKind, type IndicatorStatus } from '../../domain/indicator.js';
import { importIndicators, isImportFormat, IMPORT_FORMATS } from '../../indicators/index.js';
import { createProgress } from '../../lib/progress.js';
import { CLI_ACTOR, run, withRuntime, type Runtime } from '../runtime.js';

function kindOption(value: string | undefined): IndicatorKind | undefined {
  if (value === undefined) return undefined;
  if (!isIndicatorKind(value)) throw new FanzhaError('VALIDATION_FAILED', `unknown kind ${value}`);
  return value;
}
function statusOption(value: string | undefined): IndicatorStatus | undefined {
  if (value === undefined) return undefined;
  if (!isIndicatorStatus(value)) throw new FanzhaError('VALIDATION_FAILED', `unknown status ${value}`);
  return value;
}
function fraudTypesOption(value: string | undefined): FraudType[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((t) => t.trim()).filter(Boolean);
  const bad = list.filter((t) => !isFraudType(t));
  if (bad.length) throw new FanzhaError('VALIDATION_FAILED', `unknown fraud type ${bad.join(', ')}; use ${FRAUD_TYPE_CODES.join(', ')}`);
  return list as FraudType[];
}

const CSV_HEADER = 'id,kind,value,status,fraud_types,score,sightings,source,first_seen,last_seen,expires_at';
function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** `fanzha indicators …` */
export function indicatorsCommand(program: Command): void {
  const cmd = program.command('indicators').description('manage the indicator store (numbers, URLs, domains, IPs, cards, accounts, apps)');

  cmd
    .command('import')
    .description('import a list; every good line is imported, every bad one reported with its line number')
    .argument('<file>', 'file to import, or - for standard input')
    .option('--kind <kind>', 'kind of every value (detected per value when absent)')
    .option('--format <format>', `one of ${IMPORT_FORMATS.join(', ')}`, 'plain')
    .option('--status <status>', 'status to import as (reported, verified, blocked)', 'reported')
    .option('--fraud-types <codes>', 'comma-separated fraud-type codes')
    .option('--source <name>', 'who the list comes from (one independent reporter)')
    .option('--default-calling-code <cc>', 'calling code for numbers written without one (default 86)')
    .option('--json', 'print the report as JSON')
    .action((file: string, opts: Record<string, string | boolean | undefined>) =>
      run(async () => {
        const format = String(opts.format);
        if (!isImportFormat(format)) throw new FanzhaError('UNSUPPORTED_FORMAT', `unknown format ${format}; use ${IMPORT_FORMATS.join(', ')}`);
        const kind = kindOption(opts.kind as string | undefined);
        const status = statusOption(opts.status as string);
        const fraudTypes = fraudTypesOption(opts.fraudTypes as string | undefined);
        if (file !== '-' && !fs.existsSync(file)) throw new FanzhaError('NOT_FOUND', `no file ${file}`);
        await withRuntime({ index: false }, async (rt) => {
          const size = file === '-' ? undefined : fs.statSync(file).size;
          const progress = createProgress(`import ${file}`, { total: size, unit: 'bytes' });
          const input = file === '-' ? process.stdin : fs.createReadStream(file);
          input.on('data', (chunk: Buffer | string) => progress.tick(chunk.length));
          const source = (opts.source as string | undefined) ?? (file === '-' ? 'stdin' : file.split('/').pop()!);
          const report = await importIndicators(rt.catalog.service, input, {
            format,
            kind,
            status,
            fraudTypes,
            reporter: `import:${source}`,
            actor: CLI_ACTOR,
            defaultCallingCode: opts.defaultCallingCode as string | undefined,
          });
          progress.done();
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(report)}\n`);
          } else {
            for (const p of report.rejected) process.stderr.write(`line ${p.at}: ${p.code} ${p.reason}\n`);
            if (report.rejectedCount > report.rejected.length) {
              process.stderr.write(`… and ${report.rejectedCount - report.rejected.length} more bad lines\n`);
            }
            process.stdout.write(
              `read ${report.lines} lines: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejectedCount} rejected\n`,
            );
          }
        });
      }),
    );

  cmd
    .command('export')
    .description('write indicators to standard output')
    .option('--kind <kind>')
    .option('--status <status>', 'only this status (e.g. blocked)')
    .option('--format <format>', 'plain (values), csv or json (one object per line)', 'plain')
    .action((opts: Record<string, string | undefined>) =>
      run(async () => {
        const format = opts.format ?? 'plain';
        if (!['plain', 'csv', 'json'].includes(format)) throw new FanzhaError('UNSUPPORTED_FORMAT', `unknown format ${format}`);
        const kind = kindOption(opts.kind);
        const status = statusOption(opts.status);
        await withRuntime({ index: false }, async (rt) => {
          if (format === 'csv') process.stdout.write(`${CSV_HEADER}\n`);
          for await (const page of pages(rt.store, kind, status)) {
            const out = page.map((i) => {
              if (format === 'plain') return i.value;
              if (format === 'json') return JSON.stringify(i);
              return [i.id, i.kind, csvField(i.value), i.status, i.fraudTypes.join(';'), i.score, i.sightings, csvField(i.source), iso(i.firstSeen), iso(i.lastSeen), iso(i.expiresAt)].join(',');
            });
            if (!process.stdout.write(`${out.join('\n')}\n`)) await new Promise((r) => process.stdout.once('drain', r));
          }
        });
      }),
    );

  cmd
    .command('list')
    .description('list indicators, newest first')
    .option('--kind <kind>')
    .option('--status <status>')
    .option('--q <text>', 'value contains')
    .option('--review', 'only those raised for verification by several independent reports')
    .option('--limit <n>', 'how many', '50')
    .action((opts: Record<string, string | boolean | undefined>) =>
      run(async () => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new FanzhaError('VALIDATION_FAILED', '--limit must be 1..10000');
        await withRuntime({ index: false }, async (rt) => {
          const items = await rt.store.indicators.list({
            kind: kindOption(opts.kind as string | undefined),
            status: statusOption(opts.status as string | undefined),
            contains: opts.q as string | undefined,
            reviewRequested: Boolean(opts.review),
            limit,
          });
          for (const i of items) {
            process.stdout.write(
              `${String(i.id).padStart(8)}  ${i.kind.padEnd(15)} ${i.status.padEnd(9)} ${String(i.sightings).padStart(3)}  ${i.fraudTypes.join(',') || '-'}  ${i.value}\n`,
            );
          }
        });
      }),
    );

  cmd
    .command('show')
    .description('one indicator with its sightings and history')
    .argument('<id>')
    .action((id: string) =>
      run(async () => {
        await withRuntime({ index: false }, async (rt) => {
          const indicator = await rt.store.indicators.get(Number(id));
          if (!indicator) throw new FanzhaError('NOT_FOUND', `no indicator ${id}`);
          const [sightings, history] = await Promise.all([rt.store.indicators.sightings(indicator.id), rt.store.indicators.history(indicator.id)]);
          process.stdout.write(`${JSON.stringify({ indicator, sightings, history }, null, 2)}\n`);
        });
      }),
    );

  cmd
    .command('set-status')
    .description('move an indicator to a status, with a reason kept in its history')
    .argument('<id>')
    .argument('<status>', 'reported, verified, blocked, expired or revoked')
    .requiredOption('--reason <text>', 'why (kept in the history)')
    .action((id: string, status: string, opts: { reason: string }) =>
      run(async () => {
        const target = statusOption(status)!;
        await withRuntime({ index: false }, async (rt) => {
          const updated = await rt.catalog.service.setStatus(Number(id), target, CLI_ACTOR, opts.reason);
          process.stdout.write(`${updated.id} ${updated.kind} ${updated.value}: ${updated.status}\n`);
        });
      }),
    );
}

async function* pages(
  store: Runtime['store'],
  kind: IndicatorKind | undefined,
  status: IndicatorStatus | undefined,
): AsyncGenerator<Indicator[]> {
  let beforeId: number | undefined;
  for (;;) {
    const page = await store.indicators.list({ kind, status, beforeId, limit: 5000 });
    if (page.length === 0) return;
    yield page;
    beforeId = page[page.length - 1].id;
  }
}
