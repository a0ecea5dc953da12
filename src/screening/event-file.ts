import fs from 'node:fs';
import readline from 'node:readline';
import type { EventProblem, ScreeningEvent } from '../domain/event.js';
import { isEventProblem, readEventBatch, readEventLine } from './intake.js';

export interface EventBatchRead {
  events: ScreeningEvent[];
  problems: EventProblem[];
  /** Bytes of the file read so far, for a progress bar. */
  bytes: number;
}

/**
 * Reads an event file (NDJSON, or one JSON array) in batches of validated events, with the problems of each
 * batch's bad lines; a bad line never stops the rest. `sender` is who the ids are unique for.
 */
export async function* readEventFile(file: string, sender: string, batchSize = 5000): AsyncGenerator<EventBatchRead> {
  const head = Buffer.alloc(64);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, head, 0, 64, 0);
  fs.closeSync(fd);
  if (head.subarray(0, n).toString('utf8').trimStart().startsWith('[')) {
    const text = fs.readFileSync(file, 'utf8');
    const { events, problems } = readEventBatch(text, sender);
    const bytes = Buffer.byteLength(text);
    for (let i = 0; i < Math.max(events.length, 1); i += batchSize) {
      yield { events: events.slice(i, i + batchSize), problems: i === 0 ? problems : [], bytes };
    }
    return;
  }
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let events: ScreeningEvent[] = [];
  let problems: EventProblem[] = [];
  let lineNo = 0;
  let bytes = 0;
  for await (const line of lines) {
    lineNo++;
    bytes += Buffer.byteLength(line) + 1;
    const read = readEventLine(line, sender, lineNo);
    if (read === null) continue;
    if (isEventProblem(read)) problems.push(read);
    else events.push(read);
    if (events.length >= batchSize) {
      yield { events, problems, bytes };
      events = [];
      problems = [];
    }
  }
  if (events.length || problems.length) yield { events, problems, bytes };
}
