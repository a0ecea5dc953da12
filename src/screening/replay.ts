import type { EventProblem } from '../domain/event.js';
import type { Warning } from '../domain/warning.js';
import { fnv1a32 } from '../lib/fnv.js';
import type { ScreeningEngine } from './engine.js';
import { readEventFile } from './event-file.js';

export interface ReplayResult {
  events: number;
  duplicates: number;
  problems: EventProblem[];
  problemCount: number;
  /** Every warning in its final form, in the order raised. */
  warnings: Warning[];
}

const KEPT_PROBLEMS = 1000;
const SHARDS = 64;

/** Seen (sender, id) pairs; sharded because one Set holds at most 2^24 entries and a replay may hold more. */
class SeenEvents {
  private readonly shards = Array.from({ length: SHARDS }, () => new Set<string>());

  /** True the first time a key is offered. */
  add(key: string): boolean {
    const shard = this.shards[fnv1a32(key) % SHARDS];
    if (shard.has(key)) return false;
    shard.add(key);
    return true;
  }
}

/**
 * Runs the engine offline over an event file, in file order, with the indicators the engine's checker holds;
 * stores nothing. Duplicate (sender, id) pairs are screened once. The warnings' times are the events' times.
 */
export async function replayFile(file: string, engine: ScreeningEngine, sender: string, onProgress?: (bytes: number) => void): Promise<ReplayResult> {
  const seen = new SeenEvents();
  const latest = new Map<string, Warning>();
  const problems: EventProblem[] = [];
  let problemCount = 0;
  let events = 0;
  let duplicates = 0;
  for await (const batch of readEventFile(file, sender)) {
    problemCount += batch.problems.length;
    for (const p of batch.problems) if (problems.length < KEPT_PROBLEMS) problems.push(p);
    for (const e of batch.events) {
      if (!seen.add(`${e.id}\u0000${e.sender}`)) {
        duplicates++;
        continue;
      }
      events++;
      for (const c of engine.process(e)) latest.set(c.warning.id, c.warning);
    }
    onProgress?.(batch.bytes);
  }
  const warnings = [...latest.values()].sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : 1));
  return { events, duplicates, problems, problemCount, warnings };
}
