import readline from 'node:readline';
import type { Command } from 'commander';
import { FanzhaError } from '../../domain/errors.js';
import { isIndicatorKind, type IndicatorKind } from '../../domain/indicator.js';
import { extractIndicators } from '../../text/index.js';
import { run, withRuntime } from '../runtime.js';

/** `fanzha check VALUE… | --stdin | --text "…"`: one JSON object per value, in input order. */
export function checkCommand(program: Command): void {
  program
    .command('check')
    .description('look values up: one JSON line per value with kind, canonical form, verdict and matches')
    .argument('[values...]')
    .option('--kind <kind>', 'treat every value as this kind')
    .option('--stdin', 'read one value per line from standard input')
    .option('--text <text>', 'find and check every number, link, card and account in a message')
    .action((values: string[], opts: { kind?: string; stdin?: boolean; text?: string }) =>
      run(async () => {
        let kind: IndicatorKind | undefined;
        if (opts.kind !== undefined) {
          if (!isIndicatorKind(opts.kind)) throw new FanzhaError('VALIDATION_FAILED', `unknown kind ${opts.kind}`);
          kind = opts.kind;
        }
        if (!opts.stdin && opts.text === undefined && values.length === 0) {
          throw new FanzhaError('VALIDATION_FAILED', 'give values, --stdin or --text');
        }
        const write = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
        await withRuntime({ index: true }, async (rt) => {
          const checker = rt.catalog.checker;
          for (const v of values) write(checker.check(v, kind));
          if (opts.text !== undefined) {
            for (const f of extractIndicators(opts.text)) write({ ...checker.check(f.canonical, f.kind), value: f.raw, start: f.start, end: f.end });
          }
          if (opts.stdin) {
            let line = 0;
            for await (const raw of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
              line++;
              const value = raw.trim();
              write(
                value
                  ? checker.check(value, kind)
                  : { value: raw, kind: null, canonical: null, verdict: 'unknown', matches: [], error: { code: 'EMPTY_LINE', reason: `line ${line} is empty` } },
              );
            }
          }
        });
      }),
    );
}
