import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { FanzhaError } from '../../domain/errors.js';
import type { Truth } from '../../sim/index.js';
import { formatScoreboard, scoreWarnings, type ScoredWarning } from '../../stats/index.js';
import { run } from '../runtime.js';

async function* readWarnings(file: string): AsyncGenerator<ScoredWarning> {
  let line = 0;
  const input = file === '-' ? process.stdin : fs.createReadStream(file);
  for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!raw.trim()) continue;
    let w: unknown;
    try {
      w = JSON.parse(raw);
    } catch {
      throw new FanzhaError('VALIDATION_FAILED', `${file} line ${line}: not JSON`);
    }
    const o = w as Partial<ScoredWarning>;
    if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.person !== 'string' || typeof o.raisedAt !== 'number' || (o.kind !== 'person' && o.kind !== 'fund')) {
      throw new FanzhaError('VALIDATION_FAILED', `${file} line ${line}: a warning needs id, kind (person or fund), person and raisedAt (epoch ms)`);
    }
    yield { id: o.id, kind: o.kind, person: o.person, raisedAt: o.raisedAt, events: Array.isArray(o.events) ? o.events : [] };
  }
}

/** `fanzha evaluate`: the prevention scoreboard of warnings against a simulation's ground truth. */
export function evaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('score warnings against a simulation\'s truth: interception before the first loss, lead time, misses, false warnings, preventable loss')
    .requiredOption('--truth <file>', 'truth.json from `fanzha simulate`')
    .requiredOption('--warnings <file>', 'warnings, one JSON Warning per line (- for standard input)')
    .option('--grace-minutes <n>', 'minutes after an attempt\'s last step a warning still counts for it (default: the truth\'s)')
    .option('--json', 'print the scoreboard as JSON')
    .action((opts: { truth: string; warnings: string; graceMinutes?: string; json?: boolean }) =>
      run(async () => {
        if (!fs.existsSync(opts.truth)) throw new FanzhaError('NOT_FOUND', `no file ${opts.truth}`);
        if (opts.warnings !== '-' && !fs.existsSync(opts.warnings)) throw new FanzhaError('NOT_FOUND', `no file ${opts.warnings}`);
        const truth = JSON.parse(fs.readFileSync(opts.truth, 'utf8')) as Truth;
        if (truth.version !== 1 || !Array.isArray(truth.attempts)) throw new FanzhaError('VALIDATION_FAILED', `${opts.truth} is not a simulation truth file`);
        const grace = opts.graceMinutes === undefined ? undefined : Number(opts.graceMinutes);
        if (grace !== undefined && !(grace >= 0)) throw new FanzhaError('VALIDATION_FAILED', '--grace-minutes must be a number of 0 or more');
        const warnings: ScoredWarning[] = [];
        for await (const w of readWarnings(opts.warnings)) warnings.push(w);
        const board = scoreWarnings(truth, warnings, { graceMinutes: grace });
        process.stdout.write(opts.json ? `${JSON.stringify(board)}\n` : formatScoreboard(board));
      }),
    );
}
