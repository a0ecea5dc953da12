import { AckPolicy, DeliverPolicy, JSONCodec, connect, nanos, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import type { ScreeningEvent } from '../domain/event.js';
import type { WarningChange } from '../domain/warning.js';
import { partitionOf, type BatchHandler, type BatchOutcome, type EventTransport } from './transport.js';

/**
 * NATS JetStream, for scale-out. Events go to `<prefix>.events.<partition>` in one stream, with the message id
 * `<sender>:<id>`, so JetStream drops a re-sent event within its duplicate window (the store catches older ones).
 * Each partition has one durable pull consumer; a screening worker takes some partitions, acknowledges a batch
 * only after it is stored, so a worker that dies loses nothing: what it had not acknowledged is delivered again
 * to whoever takes the partition next. Warnings are published to `<prefix>.warnings.<kind>`.
 */
export interface NatsOptions {
  url: string;
  partitions: number;
  /** Subject prefix and stream-name stem; tests use one each. */
  prefix?: string;
  /** Partition of an event (by the person it is about). */
  keyOf: (e: ScreeningEvent) => string;
}

const codec = JSONCodec<unknown>();
const FETCH = 2000;

export class NatsTransport implements EventTransport {
  readonly kind = 'nats' as const;
  readonly partitions: number;
  private readonly prefix: string;
  private readonly stream: string;
  private stopping = false;
  private readonly loops: Promise<void>[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: NatsOptions,
  ) {
    this.partitions = options.partitions;
    this.prefix = options.prefix ?? 'fanzha';
    this.stream = `${this.prefix.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_EVENTS`;
  }

  /** Connects and makes sure the event and warning streams exist. */
  static async open(options: NatsOptions): Promise<NatsTransport> {
    const nc = await connect({ servers: options.url, name: 'fanzha' });
    const jsm = await nc.jetstreamManager();
    const t = new NatsTransport(nc, nc.jetstream(), jsm, options);
    await t.ensureStream(t.stream, [`${t.prefix}.events.>`]);
    await t.ensureStream(`${t.stream.replace(/_EVENTS$/, '')}_WARNINGS`, [`${t.prefix}.warnings.>`]);
    return t;
  }

  private async ensureStream(name: string, subjects: string[]): Promise<void> {
    try {
      await this.jsm.streams.info(name);
    } catch {
      await this.jsm.streams.add({ name, subjects, duplicate_window: nanos(10 * 60_000) });
    }
  }

  /** Publishes every event to its partition's subject; resolves once JetStream has stored them all. */
  async send(events: readonly ScreeningEvent[]): Promise<BatchOutcome> {
    const acks = await Promise.all(
      events.map((e) =>
        this.js.publish(`${this.prefix}.events.${partitionOf(this.options.keyOf(e), this.partitions)}`, codec.encode(e), {
          msgID: `${e.sender}:${e.id}`,
        }),
      ),
    );
    const duplicates = acks.filter((a) => a.duplicate).length;
    return { accepted: acks.length - duplicates, duplicates, warnings: null };
  }

  /** Publishes stored warning changes for consumers in other processes. */
  publishWarnings(changes: readonly WarningChange[]): void {
    for (const c of changes) this.nc.publish(`${this.prefix}.warnings.${c.warning.kind}`, codec.encode(c));
  }

  /** Takes the given partitions: pulls batches, hands each to `handler`, acknowledges it once handled. */
  async consume(parts: readonly number[], handler: BatchHandler): Promise<void> {
    for (const part of parts) {
      const durable = `${this.stream}_p${part}`;
      try {
        await this.jsm.consumers.info(this.stream, durable);
      } catch {
        await this.jsm.consumers.add(this.stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: `${this.prefix}.events.${part}`,
          ack_wait: nanos(60_000),
          max_ack_pending: FETCH * 4,
        });
      }
      this.loops.push(this.pull(part, durable, handler));
    }
  }

  private async pull(part: number, durable: string, handler: BatchHandler): Promise<void> {
    const consumer = await this.js.consumers.get(this.stream, durable);
    while (!this.stopping) {
      const messages = await consumer.fetch({ max_messages: FETCH, expires: 1000 });
      const batch = [];
      for await (const m of messages) batch.push(m);
      if (batch.length === 0) continue;
      try {
        await handler(part, batch.map((m) => m.json<ScreeningEvent>()));
        for (const m of batch) m.ack();
      } catch (err) {
        console.error(`[stream] partition ${part}: batch failed, will be redelivered:`, err);
        for (const m of batch) m.nak(1000);
      }
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.loops);
    await this.nc.drain();
  }
}
