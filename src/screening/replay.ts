import type { EventProblem } from '../domain/event.js';
import type { Warning } from '../domain/warning.js';
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
/** One Set holds at most 2^24 entries; a replay may see more ids than that. */
const SET_MAX = 1 << 23;

/** Seen event ids per sender, exact; filled Sets are kept and a new one started. */
class SeenEvents {
  private readonly bySender = new Map<string, Set<string>[]>();

  /** True the first time a (sender, id) pair is offered. */
  add(sender: string, id: string): boolean {
    let sets = this.bySender.get(sender);
    if (!sets) this.bySender.set(sender, (sets = [new Set()]));
    for (const set of sets) if (set.has(id)) return false;
    let last = sets[sets.length - 1];
    if (last.size >= SET_MAX) sets.push((last = new Set()));
    last.add(id);
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
      if (!seen.add(e.sender, e.id)) {
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
