import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import { INDICATOR_KINDS } from '../../domain/indicator.js';
import { normalize, type CheckResult } from '../../indicators/index.js';
import { extractIndicators } from '../../text/index.js';
import type { AppContext } from '../context.js';
import { RateLimiter } from '../rate-limit.js';

const kind = z.enum(INDICATOR_KINDS);
const singleQuery = z.object({ value: z.string().min(1).max(8192), kind: kind.optional() });
const item = z.union([z.string().max(8192), z.object({ value: z.string().max(8192), kind: kind.optional() })]);
const batchBody = z.object({ values: z.array(item).min(1) });
const textBody = z.object({ text: z.string().min(1).max(20_000) });

/**
 * The look-up: open to everyone, rate-limited per client without a token; partners with a token get
 * batches of up to FANZHA_BATCH_MAX values.
 */
export function checkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limiter = new RateLimiter(ctx.config.FANZHA_PUBLIC_RATE_PER_MIN);
  const checker = ctx.catalog.checker;

  const throttle = (request: FastifyRequest, cost: number) => {
    if (request.principal) return;
    const wait = limiter.take(request.ip, cost);
    if (wait > 0) {
      throw new FanzhaError('RATE_LIMITED', `too many look-ups from this address; try again in ${wait} s`, { retryAfterSeconds: wait });
    }
  };

  app.get('/api/v1/check', async (request) => {
    const query = singleQuery.parse(request.query);
    throttle(request, 1);
    const result = checker.check(query.value, query.kind);
    return withInfo(result);
  });

  app.post('/api/v1/check', async (request) => {
    const body = batchBody.parse(request.body);
    const max = request.principal ? ctx.config.FANZHA_BATCH_MAX : ctx.config.FANZHA_PUBLIC_BATCH_MAX;
    if (body.values.length > max) {
      throw new FanzhaError('PAYLOAD_TOO_LARGE', `at most ${max} values per request${request.principal ? '' : ' without a token'}`, { max });
    }
    throttle(request, Math.ceil(body.values.length / 10));
    const results = new Array<CheckResult>(body.values.length);
    for (let i = 0; i < body.values.length; i++) {
      const v = body.values[i];
      results[i] = typeof v === 'string' ? checker.check(v) : checker.check(v.value, v.kind);
    }
    return { results };
  });

  app.post('/api/v1/check/text', async (request) => {
    const body = textBody.parse(request.body);
    throttle(request, 1);
    const found = extractIndicators(body.text);
    const results = found.map((f) => ({ ...checker.check(f.canonical, f.kind), value: f.raw, start: f.start, end: f.end }));
    const order = { block: 3, warn: 2, unknown: 1, allow: 0 } as const;
    const verdict = results.reduce<CheckResult['verdict']>((v, r) => (order[r.verdict] > order[v] ? r.verdict : v), 'unknown');
    return { verdict, indicators: results };
  });
}

/** A single look-up also says what the value is: carrier and city of a number, bank of a card, … */
function withInfo(result: CheckResult): CheckResult & { info?: unknown } {
  if (!result.kind || !result.canonical) return result;
  const full = normalize(result.kind, result.canonical);
  return full.ok ? { ...result, info: full.info } : result;
}
