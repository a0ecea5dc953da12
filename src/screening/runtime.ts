import type { Config } from '../config/index.js';
import type { WarningChange } from '../domain/warning.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import type { Store } from '../store/index.js';
import { InProcessTransport, NatsTransport, type BatchOutcome, type EventTransport, type WarningListener } from '../stream/index.js';
import { ScreeningEngine, personKey } from './engine.js';
import { RulebookFile } from './rulebook-file.js';
import { ScreeningService } from './screening.service.js';
import { TextReader } from './text-reader.js';

/** Screening as a process runs it: the transport events arrive by, the partitions it screens, the live rules. */
export interface ScreeningRuntime {
  readonly transport: EventTransport;
  readonly rules: RulebookFile;
  /** The partitions this process screens (empty for an API-only process on NATS). */
  readonly services: ReadonlyMap<number, ScreeningService>;
  /** Called with every stored batch of warning changes. */
  onWarnings(listener: WarningListener): void;
  /** Checkpoints and closes. */
  stop(): Promise<void>;
}

export interface ScreeningRuntimeOptions {
  /** Screen here (the `screening` role); otherwise only hand events on (an API-only node on NATS). */
  screen: boolean;
  /** Watch the typology file and checkpoint on a timer (a server), or not (a one-shot CLI command). */
  background: boolean;
  /** Subject prefix on NATS (tests). */
  natsPrefix?: string;
}

/** `all` or `0-3,6` → partition numbers below `count`. */
export function parsePartitions(spec: string, count: number): number[] {
  if (spec === 'all') return Array.from({ length: count }, (_, i) => i);
  const parts = new Set<number>();
  for (const item of spec.split(',')) {
    const [from, to = from] = item.split('-').map(Number);
    for (let p = from; p <= to; p++) if (p < count) parts.add(p);
  }
  return [...parts].sort((a, b) => a - b);
}

/**
 * Starts screening on the configured transport: in-process by default (one partition, screened before the
 * partner gets an answer), NATS JetStream when NATS_URL is set.
 */
export async function startScreening(store: Store, catalog: IndicatorCatalog, config: Config, options: ScreeningRuntimeOptions): Promise<ScreeningRuntime> {
  const listeners: WarningListener[] = [];
  const services = new Map<number, ScreeningService>();
  const rules = new RulebookFile(config.FANZHA_TYPOLOGIES, (rb) => {
    for (const s of services.values()) s.current.setRulebook(rb);
    console.log(`[screening] typologies v${rb.version} loaded (${rb.typologies.length} typologies)`);
  });
  const text = new TextReader(config.FANZHA_TEXT_THRESHOLD);
  const newEngine = () =>
    new ScreeningEngine(catalog.checker, text, rules.rulebook, { maxPeople: config.FANZHA_MAX_PEOPLE, maxAccountLinks: config.FANZHA_MAX_PEOPLE * 2 });

  let nats: NatsTransport | null = null;
  const publish = (changes: readonly WarningChange[]) => {
    if (changes.length === 0) return;
    nats?.publishWarnings(changes);
    for (const l of listeners) l(changes);
  };
  const handle = async (part: number, events: Parameters<ScreeningService['ingest']>[0]): Promise<BatchOutcome> => {
    const service = services.get(part);
    if (!service) throw new Error(`partition ${part} is not screened here`);
    const summary = await service.ingest(events);
    publish(summary.changes);
    return { accepted: summary.accepted, duplicates: summary.duplicates, warnings: summary.changes.length };
  };

  let transport: EventTransport;
  const parts = config.NATS_URL ? parsePartitions(config.FANZHA_SCREENING_PARTITIONS, config.FANZHA_PARTITIONS) : [0];
  if (options.screen) {
    for (const part of parts) {
      const service = new ScreeningService(store, newEngine, part);
      await service.recover();
      services.set(part, service);
    }
  }
  if (config.NATS_URL) {
    nats = await NatsTransport.open({ url: config.NATS_URL, partitions: config.FANZHA_PARTITIONS, keyOf: personKey, prefix: options.natsPrefix });
    if (options.screen) await nats.consume(parts, handle);
    transport = nats;
  } else {
    if (!options.screen) throw new Error('without NATS_URL the api role needs the screening role in the same process');
    transport = new InProcessTransport(handle);
  }

  const timers: NodeJS.Timeout[] = [];
  const checkpointAll = async () => {
    for (const s of services.values()) await s.checkpoint();
  };
  if (options.background) {
    rules.watch();
    timers.push(
      setInterval(() => checkpointAll().catch((err: unknown) => console.error('[screening] checkpoint failed:', err)), config.FANZHA_CHECKPOINT_SEC * 1000).unref(),
    );
  }
  return {
    transport,
    rules,
    services,
    onWarnings: (l) => listeners.push(l),
    async stop() {
      for (const t of timers) clearInterval(t);
      rules.stop();
      await transport.close();
      await checkpointAll();
    },
  };
}
