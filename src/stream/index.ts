export { InProcessTransport } from './in-process.js';
export { NatsTransport, type NatsOptions } from './nats.js';
export { partitionOf, type BatchHandler, type BatchOutcome, type EventTransport, type WarningListener } from './transport.js';
