import type { ScreeningEvent } from '../domain/event.js';
import type { BatchHandler, BatchOutcome, EventTransport } from './transport.js';

/** The embedded default: one partition, screened in this process before `send` resolves. */
export class InProcessTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  readonly partitions = 1;

  constructor(private readonly handler: BatchHandler) {}

  send(events: readonly ScreeningEvent[]): Promise<BatchOutcome> {
    return this.handler(0, events.slice());
  }

  async close(): Promise<void> {}
}
