import type { ScreeningEvent } from '../domain/event.js';
import type { WarningChange } from '../domain/warning.js';
import type { Store } from '../store/index.js';
import type { EngineSnapshot, ScreeningEngine } from './engine.js';

export interface IngestSummary {
  /** Events screened now. */
  accepted: number;
  /** Events whose (sender, id) was seen before, in this batch or earlier: ignored. */
  duplicates: number;
  /** Warnings raised or upgraded by this batch, each in its latest form. */
  changes: WarningChange[];
}

const REPLAY_PAGE = 10_000;

/**
 * Screening with durability, for one partition of people. A batch is logged, screened and its warnings stored in
 * one transaction, so a crash leaves all of a batch or none of it; the engine's memory is checkpointed now and
 * then, and a restart restores the checkpoint and re-screens the logged events after it without storing their
 * warnings again (they were stored with those events). A failed transaction rebuilds the engine the same way, so
 * memory never runs ahead of the store.
 */
export class ScreeningService {
  private engine: ScreeningEngine;
  private lastSeq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly newEngine: () => ScreeningEngine,
    private readonly part = 0,
    private readonly now: () => number = Date.now,
  ) {
    this.engine = newEngine();
  }

  get current(): ScreeningEngine {
    return this.engine;
  }

  /** Restores the latest checkpoint and re-screens what was logged after it; returns how many events. */
  recover(): Promise<number> {
    return this.serial(() => this.rebuild());
  }

  /** Screens a batch of validated events; serialised, so batches are screened in the order they arrive. */
  ingest(events: readonly ScreeningEvent[]): Promise<IngestSummary> {
    return this.serial(() => this.ingestNow(events));
  }

  /** Writes the engine's memory and the log position it reflects. */
  checkpoint(): Promise<void> {
    return this.serial(async () => {
      const state = JSON.stringify(this.engine.snapshot());
      await this.store.screening.saveCheckpoint(this.part, this.lastSeq, state, this.now());
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<number> {
    const engine = this.newEngine();
    const saved = await this.store.screening.loadCheckpoint(this.part);
    let seq = 0;
    if (saved) {
      engine.restore(JSON.parse(saved.state) as EngineSnapshot);
      seq = saved.eventSeq;
    }
    let replayed = 0;
    for (;;) {
      const page = await this.store.screening.eventsAfter(this.part, seq, REPLAY_PAGE);
      for (const logged of page) engine.process(logged.event);
      replayed += page.length;
      if (page.length < REPLAY_PAGE) {
        if (page.length) seq = page[page.length - 1].seq;
        break;
      }
      seq = page[page.length - 1].seq;
    }
    this.engine = engine;
    this.lastSeq = seq;
    return replayed;
  }

  private async ingestNow(batch: readonly ScreeningEvent[]): Promise<IngestSummary> {
    const seen = new Set<string>();
    const unique: ScreeningEvent[] = [];
    for (const e of batch) {
      const key = `${e.sender}\u0000${e.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      unique.push(e);
    }
    const receivedAt = this.now();
    try {
      const { accepted, changes, lastSeq } = await this.store.screening.transaction(async (tx) => {
        const seqs = await this.store.screening.logEvents(tx, unique, this.part, receivedAt);
        const latest = new Map<string, WarningChange>();
        let count = 0;
        let last = this.lastSeq;
        for (let i = 0; i < unique.length; i++) {
          if (seqs[i] === 0) continue;
          count++;
          last = seqs[i];
          for (const c of this.engine.process(unique[i])) {
            const before = latest.get(c.warning.id);
            latest.set(c.warning.id, { change: before?.change === 'raised' ? 'raised' : c.change, warning: c.warning });
          }
        }
        const out = [...latest.values()];
        await this.store.screening.saveWarnings(tx, out.map((c) => c.warning), this.now());
        return { accepted: count, changes: out, lastSeq: last };
      });
      this.lastSeq = lastSeq;
      return { accepted, duplicates: batch.length - accepted, changes };
    } catch (err) {
      await this.rebuild();
      throw err;
    }
  }
}

