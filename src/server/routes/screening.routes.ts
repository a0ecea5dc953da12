import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import { readEventBatch } from '../../screening/index.js';
import { requirePermission, type AppContext } from '../context.js';

const MAX_EVENTS = 50_000;
const TEXT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain'];

const warningsQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  kind: z.enum(['person', 'fund']).optional(),
  person: z.string().max(60).optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Partner events in (NDJSON or a JSON array; ids are unique per sender, the token's name), warnings out. A bad
 * event is listed in `rejected` with its line (NDJSON, 1-based) or index (array, 0-based), id, field and reason;
 * the good ones of the batch are screened all the same.
 */
export function screeningRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scoped) => {
    scoped.addContentTypeParser(TEXT_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scoped.post('/api/v1/events', async (request) => {
      const principal = requirePermission(request, 'events:send');
      const body = request.body;
      if (typeof body !== 'string' && !Array.isArray(body)) {
        throw new FanzhaError('VALIDATION_FAILED', 'send events as NDJSON (one per line) or as a JSON array');
      }
      const { events, problems } = readEventBatch(body, principal.name);
      if (events.length + problems.length > MAX_EVENTS) throw new FanzhaError('PAYLOAD_TOO_LARGE', `at most ${MAX_EVENTS} events per request`, { max: MAX_EVENTS });
      const outcome = events.length ? await ctx.screening.transport.send(events) : { accepted: 0, duplicates: 0, warnings: 0 };
      return { ...outcome, queued: ctx.screening.transport.kind === 'nats', rejected: problems };
    });
  });

  app.get('/api/v1/warnings', async (request) => {
    requirePermission(request, 'warnings:read');
    const q = warningsQuery.parse(request.query);
    const warnings = await ctx.store.screening.listWarnings({ ...q, level: q.level as 1 | 2 | 3 | undefined });
    return { warnings, cursor: warnings.length ? Math.max(...warnings.map((w) => w.seq)) : (q.after ?? null) };
  });

  app.get('/api/v1/warnings/:id', async (request) => {
    requirePermission(request, 'warnings:read');
    const { id } = idParams.parse(request.params);
    const warning = await ctx.store.screening.getWarning(id);
    if (!warning) throw new FanzhaError('NOT_FOUND', `no warning ${id}`);
    return { warning };
  });

  app.get('/api/v1/screening', async (request) => {
    requirePermission(request, 'warnings:read');
    const rb = ctx.screening.rules.rulebook;
    return {
      transport: ctx.screening.transport.kind,
      partitions: [...ctx.screening.services.keys()],
      typologies: { version: rb.version, file: ctx.screening.rules.path, ids: rb.typologies.map((t) => t.id) },
      people: [...ctx.screening.services.values()].reduce((n, s) => n + s.current.people.size, 0),
    };
  });
}
