import type { Command } from 'commander';
import { FanzhaError } from '../../domain/errors.js';
import { openFunds, ORDER_ANSWERS, ORDER_STATUSES, type FundsService, type OrderAnswer, type OrderStatus } from '../../funds/index.js';
import { CLI_ACTOR, run, withRuntime } from '../runtime.js';

/** The CLI works as the city centre: every bank's orders. */
const CITY = { level: 'city' } as const;

const out = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

function withFunds(body: (funds: FundsService) => Promise<void>): Promise<void> {
  return withRuntime({ index: false }, async (rt) => {
    const funds = openFunds(rt.store, rt.config);
    await funds.tailLedger();
    await body(funds);
  });
}

function positive(raw: string, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new FanzhaError('VALIDATION_FAILED', `not ${what}: ${raw}`);
  return n;
}

function time(raw: string): number {
  const ts = Date.parse(raw);
  if (Number.isNaN(ts)) throw new FanzhaError('VALIDATION_FAILED', `not an ISO-8601 time: ${raw}`);
  return ts;
}

/** `fanzha orders list|answer` and `fanzha trace`: stop-payment orders and money traces from the command line. */
export function fundsCommands(program: Command): void {
  const o = program.command('orders').description('emergency stop-payment orders (紧急止付) and the banks’ answers');
  o.command('list')
    .description('orders, newest first, one JSON line each')
    .option('--status <status>', ORDER_STATUSES.join(' | '))
    .option('--report <id>', 'only the orders of one report')
    .option('--bank <name>', 'only one bank’s orders')
    .option('--limit <n>', 'at most this many', '100')
    .action((opts: { status?: string; report?: string; bank?: string; limit: string }) =>
      run(() =>
        withFunds(async (funds) => {
          if (opts.status && !(ORDER_STATUSES as readonly string[]).includes(opts.status)) throw new FanzhaError('VALIDATION_FAILED', `--status takes ${ORDER_STATUSES.join(', ')}`);
          const orders = await funds.orders(CITY, {
            status: opts.status as OrderStatus | undefined,
            reportId: opts.report ? positive(opts.report, 'a report id') : undefined,
            bank: opts.bank,
            limit: positive(opts.limit, 'a limit'),
          });
          for (const order of orders) out(order);
        }),
      ),
    );
  o.command('answer')
    .description('record a bank’s answer: held | insufficient | moved | rejected')
    .argument('<id>', 'order id')
    .argument('<status>', ORDER_ANSWERS.join(' | '))
    .option('--amount <fen>', 'what the bank held, in fen (held: the order’s amount unless given)')
    .option('--note <text>', 'the bank’s words')
    .action((id: string, status: string, opts: { amount?: string; note?: string }) =>
      run(() =>
        withFunds(async (funds) => {
          if (!(ORDER_ANSWERS as readonly string[]).includes(status)) throw new FanzhaError('VALIDATION_FAILED', `the answer is one of ${ORDER_ANSWERS.join(', ')}`);
          const heldFen = opts.amount === undefined ? undefined : Number(opts.amount);
          out(await funds.answer(CLI_ACTOR, CITY, positive(id, 'an order id'), { status: status as OrderAnswer, heldFen, note: opts.note }));
        }),
      ),
    );
  program
    .command('trace')
    .description('where money went from an account (资金链): a graph of accounts and transfers as JSON')
    .argument('<account>', 'the account to follow')
    .option('--since <iso>', 'follow what left it after this time', new Date(Date.now() - 86_400_000).toISOString())
    .option('--amount <fen>', 'follow this much of it (default: everything that left)')
    .option('--report <id>', 'trace a report’s money from its stop-payment orders instead (the account is ignored)')
    .action((account: string, opts: { since: string; amount?: string; report?: string }) =>
      run(() =>
        withFunds(async (funds) => {
          if (opts.report) out(await funds.traceReport(positive(opts.report, 'a report id')));
          else out(await funds.traceAccount(account, time(opts.since), opts.amount ? positive(opts.amount, 'an amount in fen') : null));
        }),
      ),
    );
}
