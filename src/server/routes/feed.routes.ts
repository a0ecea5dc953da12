import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { INDICATOR_KINDS } from '../../domain/indicator.js';
import { requirePermission, type AppContext } from '../context.js';

const params = z.object({ kind: z.enum(INDICATOR_KINDS) });
const query = z.object({
  since: z.coerce.number().int().min(0).optional(),
  after: z.coerce.number().int().min(0).default(0),
  format: z.enum(['text', 'json']).default('json'),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

/**
 * Blocklist feeds for partners. Without `since`: what is blocked now; while `more` is true, ask again with
 * `after=<cursor>`. Then keep asking with `since=<cursor>` for changes only: `add` (now blocked) or `remove`
 * (no longer blocked; removing a value a partner never had is harmless). Writers reserve change numbers under
 * a lock held to commit, so every change at or below a returned cursor is already visible.
 */
export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/feeds/:kind', async (request, reply) => {
    requirePermission(request, 'feeds:read');
    const { kind } = params.parse(request.params);
    const q = query.parse(request.query);
    const repo = ctx.store.indicators;
    const committed = await repo.currentSeq();
    const rows =
      q.since === undefined ? await repo.withStatus(kind, 'blocked', q.after, q.limit) : await repo.changedSince(q.since, q.limit, kind);
    const more = rows.length === q.limit;
    const cursor = more ? rows[rows.length - 1].seq : Math.max(committed, q.since ?? 0);
    const items = rows.map((r) => ({
      op: r.status === 'blocked' ? ('add' as const) : ('remove' as const),
      value: r.value,
      fraudTypes: r.fraudTypes,
      expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt).toISOString(),
      seq: r.seq,
    }));
    reply.header('X-Fanzha-Cursor', String(cursor));
    reply.header('X-Fanzha-More', String(more));
    if (q.format === 'text') {
      reply.type('text/plain; charset=utf-8');
      const lines = items.map((i) => (q.since === undefined ? i.value : `${i.op === 'add' ? '+' : '-'}${i.value}`));
      return `# fanzha ${kind} feed; cursor=${cursor}; more=${more}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
    }
    return { kind, cursor, more, items };
  });
}
