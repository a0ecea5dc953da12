import fs from 'node:fs';
import type { Command } from 'commander';
import { ACTION_TYPES, DispatchService, OUTCOMES, auditToWire, itemToWire, type ActInput, type ActionType, type Outcome } from '../../dispatch/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { CLI_ACTOR, run, withRuntime, type Runtime } from '../runtime.js';

/** The CLI works as the city centre: it sees every item. */
const CITY = { level: 'city' } as const;

/**
 * Dispatch over the configured store. Warnings stored while no dispatch role ran (`fanzha ingest` without a
 * server) are dispatched first; where a server dispatches, there is nothing to catch up and this is a no-op.
 */
async function withDispatch(body: (d: DispatchService, rt: Runtime) => Promise<void>): Promise<void> {
  await withRuntime({ index: false }, async (rt) => {
    const dispatch = await DispatchService.open(rt.store, rt.config, { indicators: rt.catalog.service });
    await dispatch.catchUp();
    await body(dispatch, rt);
  });
}

const out = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

/** `fanzha warnings list|show|claim|act|reassign|sweep|roster`: dispatched warnings for scripts (NDJSON out). */
export function warningsCommands(program: Command): void {
  const w = program.command('warnings').description('dispatched warnings (三级预警劝阻): queues, work, outcomes');
  w.command('list')
    .description('items as NDJSON, newest first')
    .option('--status <status>', 'open, claimed, visit_required, closed or active')
    .option('--late', 'only late items')
    .option('--station <code>', 'only this station')
    .option('--district <code>', 'only this district')
    .option('--limit <n>', 'at most', '100')
    .action((opts: { status?: string; late?: boolean; station?: string; district?: string; limit: string }) =>
      run(() =>
        withDispatch(async (d) => {
          const scope = opts.station ? { level: 'station' as const, code: opts.station } : opts.district ? { level: 'district' as const, code: opts.district } : CITY;
          const statuses = ['open', 'claimed', 'visit_required', 'closed', 'active'] as const;
          const status = statuses.find((s) => s === opts.status);
          if (opts.status && !status) throw new FanzhaError('VALIDATION_FAILED', `--status is one of ${statuses.join(', ')}`);
          for (const item of await d.list(scope, { status, late: opts.late, limit: Number(opts.limit) })) out(itemToWire(item));
        }),
      ),
    );
  w.command('show')
    .argument('<id>')
    .description('one item with its audit trail')
    .action((id: string) =>
      run(() =>
        withDispatch(async (d) => {
          const { item, trail, sms } = await d.show(CITY, id);
          out({ item: itemToWire(item), trail: trail.map(auditToWire), sms });
        }),
      ),
    );
  w.command('claim')
    .argument('<id>')
    .action((id: string) => run(() => withDispatch(async (d) => out(itemToWire(await d.claim(CLI_ACTOR, CITY, id))))));
  w.command('act')
    .argument('<id>')
    .description('record an action and / or an outcome')
    .option('--action <type>', ACTION_TYPES.join(', '))
    .option('--reached', 'call / 96110: the person answered')
    .option('--duration <sec>', 'call length in seconds')
    .option('--outcome <outcome>', OUTCOMES.join(', '))
    .option('--note <text>')
    .action((id: string, opts: { action?: string; reached?: boolean; duration?: string; outcome?: string; note?: string }) =>
      run(async () => {
        if (opts.action && !(ACTION_TYPES as readonly string[]).includes(opts.action)) throw new FanzhaError('VALIDATION_FAILED', `--action is one of ${ACTION_TYPES.join(', ')}`);
        if (opts.outcome && !(OUTCOMES as readonly string[]).includes(opts.outcome)) throw new FanzhaError('VALIDATION_FAILED', `--outcome is one of ${OUTCOMES.join(', ')}`);
        const input: ActInput = {
          action: opts.action ? { type: opts.action as ActionType, reached: opts.reached ?? false, durationSec: opts.duration ? Number(opts.duration) : undefined, note: opts.note } : undefined,
          outcome: opts.outcome as Outcome | undefined,
          note: opts.note,
        };
        await withDispatch(async (d) => out(itemToWire(await d.act(CLI_ACTOR, CITY, id, input))));
      }),
    );
  w.command('reassign')
    .argument('<id>')
    .requiredOption('--to <code>', 'station, district, or the city code (city queue)')
    .option('--note <text>')
    .action((id: string, opts: { to: string; note?: string }) => run(() => withDispatch(async (d) => out(itemToWire(await d.reassign(CLI_ACTOR, CITY, id, opts.to, opts.note))))));
  w.command('sweep')
    .description('mark late and escalate what missed its deadline (serve does this on a timer)')
    .action(() => run(() => withDispatch(async (d) => out({ changed: await d.sweep() }))));
  w.command('roster')
    .argument('<file>', 'NDJSON lines {phone, stationCode, …}')
    .description('import the roster: the registered station of each phone')
    .action((file: string) =>
      run(() =>
        withDispatch(async (d) => {
          const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
            try {
              return JSON.parse(l) as unknown;
            } catch {
              return null;
            }
          });
          const report = await d.importRoster(CLI_ACTOR, lines);
          process.stderr.write(`imported ${report.imported}, rejected ${report.rejected.length}\n`);
          for (const r of report.rejected.slice(0, 20)) process.stderr.write(`  line ${r.at}: ${r.reason}\n`);
        }),
      ),
    );
}
