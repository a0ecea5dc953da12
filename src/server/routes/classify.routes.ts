import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import { throttle, type AppContext } from '../context.js';
import type { RateLimiter } from '../rate-limit.js';

const MAX_TEXT = 20_000;
const item = z.object({ id: z.union([z.string().max(200), z.number()]).optional(), text: z.string().min(1).max(MAX_TEXT) });
const body = z.union([item, z.object({ items: z.array(z.unknown()).min(1) })]);

/**
 * The fraud-text model over HTTP: `{text}` for one, `{items: [{id, text}, …]}` for a batch (token holders,
 * up to FANZHA_BATCH_MAX / 10 texts). A bad item gets an error entry with its id or index; the rest go on.
 */
export function classifyRoutes(app: FastifyInstance, ctx: AppContext, limiter: RateLimiter): void {
  const max = Math.max(1, Math.floor(ctx.config.FANZHA_BATCH_MAX / 10));

  app.post('/api/v1/classify', async (request) => {
    const parsed = body.parse(request.body);
    if (!('items' in parsed)) {
      throttle(limiter, request, 1);
      return { id: parsed.id ?? null, ...ctx.text.analyse(parsed.text) };
    }
    if (!request.principal) throw new FanzhaError('UNAUTHENTICATED', 'batches need a bearer token; send {text} for one message');
    if (parsed.items.length > max) throw new FanzhaError('PAYLOAD_TOO_LARGE', `at most ${max} texts per request`, { max });
    const results = parsed.items.map((raw, index) => {
      const one = item.safeParse(raw);
      if (!one.success) {
        const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
        const issue = one.error.issues[0];
        return { id, index, error: { code: 'VALIDATION_FAILED', reason: `${issue.path.join('.') || 'item'}: ${issue.message}` } };
      }
      return { id: one.data.id ?? null, ...ctx.text.analyse(one.data.text) };
    });
    return { results };
  });
}
