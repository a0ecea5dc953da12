import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { EventProblem } from '../../domain/event.js';
import { FanzhaError } from '../../domain/errors.js';
import { createProgress } from '../../lib/progress.js';
import { readEventFile, replayFile, ScreeningEngine, startScreening, TextReader, RulebookFile } from '../../screening/index.js';
import { run, withRuntime, type Runtime } from '../runtime.js';

const SHOWN_PROBLEMS = 20;

function reportProblems(problems: readonly EventProblem[], total: number): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) {
    process.stderr.write(`  line ${p.at}${p.id ? ` (id ${p.id})` : ''}: ${p.code} ${p.field ? `${p.field}: ` : ''}${p.reason}\n`);
  }
  if (total > SHOWN_PROBLEMS) process.stderr.write(`  … and ${total - SHOWN_PROBLEMS} more\n`);
}

function existing(file: string): string {
  if (!fs.existsSync(file)) throw new FanzhaError('NOT_FOUND', `no such file: ${file}`);
  return file;
}

/** `fanzha ingest` and `fanzha replay`: event files into the store's screening, or through the engine offline. */
export function screeningCommands(program: Command): void {
  program
    .command('ingest')
    .description('screen an event file (NDJSON or a JSON array) into the store: to the running server when one answers, else directly')
    .argument('<file>')
    .option('--url <url>', 'the running server (default http://127.0.0.1:$PORT)')
    .option('--token <token>', 'bearer token for the server (default $FANZHA_TOKEN, else the data directory\'s admin-token)')
    .option('--sender <name>', 'who the event ids are unique for when screening directly (default file:<name of the file>)')
    .action((file: string, opts: { url?: string; token?: string; sender?: string }) =>
      run(() =>
        withRuntime({ index: true }, async (rt) => {
          existing(file);
          const url = opts.url ?? `http://127.0.0.1:${rt.config.PORT}`;
          const total = (await serverAnswers(url)) ? await ingestOverHttp(rt, file, url, opts.token) : await ingestDirectly(rt, file, opts.sender ?? `file:${path.basename(file)}`);
          const warnings = total.warnings === null ? 'warnings follow as the screening workers take the events' : `${total.warnings} warnings raised or upgraded`;
          const done = total.warnings === null ? 'queued' : 'screened';
          console.log(`ingested ${file}: ${total.accepted} ${done}, ${total.duplicates} already seen, ${total.rejected} rejected; ${warnings}`);
          if (total.rejected > 0) process.exitCode = 1;
        }),
      ),
    );

  program
    .command('replay')
    .description('run the engine offline over an event file with the current indicators; write one warning per line')
    .requiredOption('--events <file>', 'events, NDJSON or a JSON array')
    .requiredOption('--out <file>', 'warnings, one JSON object per line, in the order raised, each in its final form')
    .option('--typologies <file>', 'typology file (default FANZHA_TYPOLOGIES)')
    .action((opts: { events: string; out: string; typologies?: string }) =>
      run(() =>
        withRuntime({ index: true }, async (rt) => {
          existing(opts.events);
          const rules = new RulebookFile(opts.typologies ?? rt.config.FANZHA_TYPOLOGIES);
          const engine = new ScreeningEngine(rt.catalog.checker, new TextReader(rt.config.FANZHA_TEXT_THRESHOLD), rules.rulebook, {
            maxPeople: rt.config.FANZHA_MAX_PEOPLE,
            maxAccountLinks: rt.config.FANZHA_MAX_PEOPLE * 2,
          });
          const progress = createProgress('replay', { total: fs.statSync(opts.events).size, unit: 'bytes' });
          let last = 0;
          const started = performance.now();
          const result = await replayFile(opts.events, engine, `file:${path.basename(opts.events)}`, (bytes) => {
            progress.tick(bytes - last);
            last = bytes;
          });
          const seconds = (performance.now() - started) / 1000;
          progress.done();
          fs.writeFileSync(opts.out, result.warnings.map((w) => `${JSON.stringify(w)}\n`).join(''));
          const people = result.warnings.filter((w) => w.kind === 'person').length;
          console.log(
            `replayed ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / seconds).toLocaleString()} /s), ` +
              `${result.duplicates} duplicates ignored, ${result.problemCount} rejected; ` +
              `${result.warnings.length} warnings (${people} person, ${result.warnings.length - people} fund) written to ${opts.out}`,
          );
          reportProblems(result.problems, result.problemCount);
        }),
      ),
    );
}

interface IngestTotal {
  accepted: number;
  duplicates: number;
  rejected: number;
  warnings: number | null;
}

async function serverAnswers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** No server runs: screen here, into the same store and checkpoint a server would use. */
async function ingestDirectly(rt: Runtime, file: string, sender: string): Promise<IngestTotal> {
  const screening = await startScreening(rt.store, rt.catalog, rt.config, { screen: rt.config.NATS_URL === undefined, background: false });
  const total: IngestTotal = { accepted: 0, duplicates: 0, rejected: 0, warnings: screening.transport.kind === 'nats' ? null : 0 };
  const progress = createProgress('ingest', { total: fs.statSync(file).size, unit: 'bytes' });
  let last = 0;
  try {
    for await (const batch of readEventFile(file, sender)) {
      reportProblems(batch.problems, batch.problems.length);
      total.rejected += batch.problems.length;
      if (batch.events.length) {
        const outcome = await screening.transport.send(batch.events);
        total.accepted += outcome.accepted;
        total.duplicates += outcome.duplicates;
        if (total.warnings !== null) total.warnings += outcome.warnings ?? 0;
      }
      progress.tick(batch.bytes - last);
      last = batch.bytes;
    }
  } finally {
    progress.done();
    await screening.stop();
  }
  return total;
}

/** A server runs: hand it the events, so its engine sees them (ids are then unique for the token's name). */
async function ingestOverHttp(rt: Runtime, file: string, url: string, token?: string): Promise<IngestTotal> {
  const secret = token ?? process.env.FANZHA_TOKEN ?? readAdminToken(rt.config.FANZHA_DATA_DIR);
  const total: IngestTotal = { accepted: 0, duplicates: 0, rejected: 0, warnings: 0 };
  for await (const batch of readEventFile(file, 'http')) {
    reportProblems(batch.problems, batch.problems.length);
    total.rejected += batch.problems.length;
    if (batch.events.length === 0) continue;
    // Re-send the validated events in wire form: ISO times, canonical numbers.
    const body = batch.events.map(({ sender: _sender, ...e }) => JSON.stringify({ ...e, ts: new Date(e.ts).toISOString() })).join('\n');
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' }, body });
    const reply = (await res.json()) as { accepted: number; duplicates: number; warnings: number | null; error?: { code: string; message: string } };
    if (!res.ok) throw new FanzhaError('VALIDATION_FAILED', `the server refused the batch: ${reply.error?.code} ${reply.error?.message}`);
    total.accepted += reply.accepted;
    total.duplicates += reply.duplicates;
    total.warnings = reply.warnings === null || total.warnings === null ? null : total.warnings + reply.warnings;
  }
  return total;
}

function readAdminToken(dataDir: string): string {
  const file = path.join(dataDir, 'admin-token');
  if (!fs.existsSync(file)) throw new FanzhaError('UNAUTHENTICATED', `a server answers but no token was given (--token, FANZHA_TOKEN, or ${file})`);
  return fs.readFileSync(file, 'utf8').trim();
}
