import type { Config } from '../config/index.js';
import type { Store } from '../store/index.js';
import { AllowList } from './allowlist.js';
import { CheckService } from './check.service.js';
import { IndicatorService } from './indicator.service.js';
import { IndicatorIndex } from './match/indicator-index.js';

export interface LoadStats {
  indicators: number;
  ms: number;
}

/**
 * The indicator side of one process: the in-memory index loaded from the store, the services that write
 * through it, and a sync loop that picks up changes other processes (a CLI import, another API node on
 * PostgreSQL) committed, by the store's change counter.
 */
export class IndicatorCatalog {
  readonly index: IndicatorIndex;
  readonly allowlist = new AllowList();
  readonly service: IndicatorService;
  readonly checker: CheckService;
  private syncedSeq = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: Store,
    config: Config,
    now: () => number = Date.now,
    expected = 1024,
  ) {
    this.index = new IndicatorIndex(expected);
    this.service = new IndicatorService(store, this.index, this.allowlist, config, now);
    this.checker = new CheckService(this.index, this.allowlist, now);
  }

  /** Opens a catalog and loads every indicator and the allow-list into memory. */
  static async open(store: Store, config: Config, onProgress?: (loaded: number) => void): Promise<{ catalog: IndicatorCatalog; stats: LoadStats }> {
    const started = performance.now();
    const expected = await store.indicators.count();
    const catalog = new IndicatorCatalog(store, config, Date.now, expected);
    await catalog.load(onProgress);
    return { catalog, stats: { indicators: catalog.index.size, ms: Math.round(performance.now() - started) } };
  }

  /** A catalog whose look-up index stays empty: for processes that only write or read the store. */
  static async openWithoutIndex(store: Store, config: Config): Promise<IndicatorCatalog> {
    const catalog = new IndicatorCatalog(store, config);
    catalog.allowlist.replace(await store.allowlist.all());
    return catalog;
  }

  private async load(onProgress?: (loaded: number) => void): Promise<void> {
    this.allowlist.replace(await this.store.allowlist.all());
    const from = await this.store.indicators.currentSeq();
    let loaded = 0;
    for await (const batch of this.store.indicators.streamForIndex()) {
      for (const row of batch) this.index.upsert(row);
      loaded += batch.length;
      onProgress?.(loaded);
    }
    // Changes committed while the table streamed are applied again, which is harmless.
    this.syncedSeq = from;
    await this.sync();
  }

  /** Applies every change committed since the last sync; returns how many indicators changed. */
  async sync(): Promise<number> {
    let applied = 0;
    for (;;) {
      const changed = await this.store.indicators.changedSince(this.syncedSeq, 5000);
      if (changed.length === 0) break;
      for (const ind of changed) this.index.upsert(ind);
      this.syncedSeq = changed[changed.length - 1].seq;
      applied += changed.length;
    }
    this.allowlist.replace(await this.store.allowlist.all());
    return applied;
  }

  /** Keeps the index in step with other writers and expires indicators past their date. */
  startBackground(syncMs = 1000, expireMs = 60_000): void {
    const guard = (fn: () => Promise<unknown>) => {
      let running = false;
      return () => {
        if (running) return;
        running = true;
        fn()
          .catch((err: unknown) => console.error('[indicators] background task failed:', err))
          .finally(() => (running = false));
      };
    };
    this.timers.push(setInterval(guard(() => this.sync()), syncMs).unref());
    this.timers.push(setInterval(guard(() => this.service.expireDue()), expireMs).unref());
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
