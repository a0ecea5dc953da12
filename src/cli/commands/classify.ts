import readline from 'node:readline';
import type { Command } from 'commander';
import { FanzhaError } from '../../domain/errors.js';
import { TextService } from '../../text/index.js';
import { run, withRuntime } from '../runtime.js';

/**
 * `fanzha classify`: JSON lines `{"id": …, "text": "…"}` on standard input, one JSON line per input on
 * standard output, in order. A malformed line gets an error line with its id (when it has one) and line
 * number, and the rest go on.
 */
export function classifyCommand(program: Command): void {
  program
    .command('classify')
    .description('read JSON lines {"id", "text"} on stdin; write fraud, score, type, typeScore, reasons and indicators per line')
    .option('--threshold <p>', 'fraud probability for the verdict (default: the model\'s tuned threshold)')
    .action((opts: { threshold?: string }) =>
      run(async () => {
        const given = opts.threshold === undefined ? undefined : Number(opts.threshold);
        if (given !== undefined && !(given >= 0 && given <= 1)) throw new FanzhaError('VALIDATION_FAILED', '--threshold must be a number from 0 to 1');
        await withRuntime({ index: true }, async (rt) => {
          const threshold = given ?? rt.config.FANZHA_TEXT_THRESHOLD;
          const text = new TextService(rt.catalog.checker, threshold);
          let line = 0;
          for await (const raw of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
            line++;
            if (!raw.trim()) continue;
            process.stdout.write(`${JSON.stringify(classifyLine(text, raw, line))}\n`);
          }
        });
      }),
    );
}

function classifyLine(text: TextService, raw: string, line: number): object {
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    return { id: null, line, error: { code: 'INVALID_JSON', reason: 'the line is not JSON' } };
  }
  const id = typeof input === 'object' && input !== null && 'id' in input ? (input as { id: unknown }).id : null;
  const value = typeof input === 'object' && input !== null ? (input as { text?: unknown }).text : undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    return { id, line, error: { code: 'VALIDATION_FAILED', reason: 'each line needs a non-empty "text" string' } };
  }
  if (value.length > 20_000) return { id, line, error: { code: 'VALIDATION_FAILED', reason: 'text longer than 20,000 characters' } };
  return { id, ...text.analyse(value) };
}
