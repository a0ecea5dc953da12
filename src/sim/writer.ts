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

/** Writes the events in large synchronous chunks, then the truth, the known indicators and the roster. */
export function writeSimulation(city: SimulatedCity, targets: WriteTargets, now: () => number = Date.now): WriteReport {
  const began = now();
  const fd = targets.out === '-' ? 1 : fs.openSync(targets.out, 'w');
  let events = 0;
  let bytes = 0;
  let progress: ReturnType<typeof createProgress> | null = null;
  let firstDay = 0;
  try {
    for (const chunk of city.chunks()) {
      const buf = chunk.bytes;
      let off = 0;
      while (off < buf.length) off += fs.writeSync(fd, buf, off);
      events += chunk.events;
      bytes += buf.length;
      if (targets.progress) {
        // The first day's size tells roughly how many events the whole run writes.
        firstDay += chunk.events;
        if (progress === null && firstDay > 50_000) progress = createProgress('simulate', { total: firstDay * city.options.days });
        progress?.tick(chunk.events);
      }
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
