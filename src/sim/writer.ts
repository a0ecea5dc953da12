import fs from 'node:fs';
import { createProgress } from '../lib/progress.js';
import type { SimulatedCity } from './index.js';
import { knownIndicatorsCsv } from './truth.js';

export interface WriteTargets {
  /** NDJSON events; '-' for standard output. */
  out: string;
  truth?: string;
  indicators?: string;
  people?: string;
  /** Draw a progress bar (on a TTY stderr). */
  progress?: boolean;
}

export interface WriteReport {
  events: number;
  bytes: number;
  ms: number;
}

const EVENTS_PER_PERSON_DAY = 5.45;

/** Writes all of `buf`; a full pipe on standard output (EAGAIN) is waited out rather than fatal. */
function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** Writes the events in large synchronous chunks, then the truth, the known indicators and the roster. */
export function writeSimulation(city: SimulatedCity, targets: WriteTargets, now: () => number = Date.now): WriteReport {
  const began = now();
  const fd = targets.out === '-' ? 1 : fs.openSync(targets.out, 'w');
  let events = 0;
  let bytes = 0;
  // About 5.5 events per person and day: close enough for a bar (it stops at 100% if the run writes more).
  const expected = Math.round(city.options.people * city.options.days * EVENTS_PER_PERSON_DAY);
  const progress = targets.progress ? createProgress('simulate', { total: expected }) : null;
  try {
    for (const chunk of city.chunks()) {
      try {
        writeAll(fd, chunk.bytes);
      } catch (err) {
        // A reader that has seen enough (`| head`) closes the pipe: stop quietly, as command-line tools do.
        if (fd === 1 && (err as NodeJS.ErrnoException).code === 'EPIPE') break;
        throw err;
      }
      events += chunk.events;
      bytes += chunk.bytes.length;
      progress?.tick(chunk.events);
    }
  } finally {
    if (fd !== 1) fs.closeSync(fd);
  }
  progress?.done(`${events.toLocaleString('en-US')} events`);
  if (targets.truth) fs.writeFileSync(targets.truth, JSON.stringify(city.truth(), null, 1) + '\n');
  if (targets.indicators) fs.writeFileSync(targets.indicators, knownIndicatorsCsv(city.knownIndicators));
  if (targets.people) fs.writeFileSync(targets.people, city.roster().map((p) => JSON.stringify(p)).join('\n') + '\n');
  return { events, bytes, ms: now() - began };
}
