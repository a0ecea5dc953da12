import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import type { StatsArea } from '../../store/index.js';
import { PERIODS } from '../../stats/index.js';
import { requirePermission, type AppContext } from '../context.js';

const summaryQuery = z.object({
  period: z.enum(PERIODS).default('month'),
  /** The point the period runs to: now when unset. */
  at: z.string().datetime({ offset: true }).optional(),
});

/** The dashboard's figures: the centre sees the city, a station officer the station or district of the token. */
export function statsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/stats/summary', async (request) => {
    const scope = ctx.dispatch.scopeOf(requirePermission(request, 'stats:read'));
    if (scope.level !== 'city' && scope.level !== 'district' && scope.level !== 'station') {
      throw new FanzhaError('FORBIDDEN', 'this token has no station, district or city to count for');
    }
    const area: StatsArea = scope.level === 'city' ? scope : { level: scope.level, code: scope.code };
    const q = summaryQuery.parse(request.query);
    return ctx.stats.summary(area, q.period, q.at ? Date.parse(q.at) : Date.now());
  });
}
