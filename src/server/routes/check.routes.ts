import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import { INDICATOR_KINDS } from '../../domain/indicator.js';
import { normalize, type CheckResult } from '../../indicators/index.js';
import { throttle, type AppContext } from '../context.js';
import type { RateLimiter } from '../rate-limit.js';

const kind = z.enum(INDICATOR_KINDS);
const singleQuery = z.object({ value: z.string().min(1).max(8192), kind: kind.optional() });
const item = z.union([z.string().max(8192), z.object({ value: z.string().max(8192), kind: kind.optional() })]);
const batchBody = z.object({ values: z.array(item).min(1) });
const textBody = z.object({ text: z.string().min(1).max(20_000) });

/**
 * The look-up: open to everyone, rate-limited per client without a token; partners with a token get
 * batches of up to FANZHA_BATCH_MAX values.
 */
export function checkRoutes(app: FastifyInstance, ctx: AppContext, limiter: RateLimiter): void {
  const checker = ctx.catalog.checker;

  app.get('/api/v1/check', async (request) => {
    const query = singleQuery.parse(request.query);
    throttle(limiter, request, 1);
    const result = checker.check(query.value, query.kind);
    return withInfo(result);
  });

  app.post('/api/v1/check', async (request) => {
    const body = batchBody.parse(request.body);
    const max = request.principal ? ctx.config.FANZHA_BATCH_MAX : ctx.config.FANZHA_PUBLIC_BATCH_MAX;
    if (body.values.length > max) {
      throw new FanzhaError('PAYLOAD_TOO_LARGE', `at most ${max} values per request${request.principal ? '' : ' without a token'}`, { max });
    }
    throttle(limiter, request, Math.ceil(body.values.length / 10));
    const results = new Array<CheckResult>(body.values.length);
    for (let i = 0; i < body.values.length; i++) {
      const v = body.values[i];
      results[i] = typeof v === 'string' ? checker.check(v) : checker.check(v.value, v.kind);
    }
    return { results };
  });

  // A pasted message: the fraud-text model and every indicator in it.
  app.post('/api/v1/check/text', async (request) => {
    const body = textBody.parse(request.body);
    throttle(limiter, request, 1);
    return ctx.text.analyse(body.text);
  });
}

/** A single look-up also says what the value is: carrier and city of a number, bank of a card, … */
function withInfo(result: CheckResult): CheckResult & { info?: unknown } {
  if (!result.kind || !result.canonical) return result;
  const full = normalize(result.kind, result.canonical);
  return full.ok ? { ...result, info: full.info } : result;
}
