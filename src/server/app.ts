import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { FanzhaError } from '../domain/errors.js';
import type { AppContext } from './context.js';
import { errorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.routes.js';
import { caseRoutes } from './routes/case.routes.js';
import { checkRoutes } from './routes/check.routes.js';
import { classifyRoutes } from './routes/classify.routes.js';
import { dispatchRoutes } from './routes/dispatch.routes.js';
import { RateLimiter } from './rate-limit.js';
import { feedRoutes } from './routes/feed.routes.js';
import { fundsRoutes } from './routes/funds.routes.js';
import { indicatorRoutes } from './routes/indicator.routes.js';
import { screeningRoutes } from './routes/screening.routes.js';

/** The HTTP API. Routes stay thin: parse, authorise, call a service, shape the reply. */
export async function buildServer(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.LOG_LEVEL } : false,
    trustProxy: ctx.config.FANZHA_TRUST_PROXY,
    bodyLimit: 16 * 1024 * 1024,
    // Errors are logged; one line per request would drown them at partner volumes.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: null } }),
  );

  // A request with a token must carry a good one; one without is public and routes decide what that allows.
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new FanzhaError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
    const token = await ctx.tokens.verify(match[1]);
    if (!token) throw new FanzhaError('UNAUTHENTICATED', 'unknown or revoked token');
    request.principal = { id: token.id, name: token.name, role: token.role, scope: token.scope };
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/api/v1/status', async () => ({
    indicators: ctx.catalog.index.size,
    store: ctx.store.driver.dialect,
    uptimeSeconds: Math.round(process.uptime()),
  }));

  const publicLimiter = new RateLimiter(ctx.config.FANZHA_PUBLIC_RATE_PER_MIN);
  checkRoutes(app, ctx, publicLimiter);
  classifyRoutes(app, ctx, publicLimiter);
  indicatorRoutes(app, ctx);
  feedRoutes(app, ctx);
  screeningRoutes(app, ctx);
  adminRoutes(app, ctx);
  dispatchRoutes(app, ctx);
  fundsRoutes(app, ctx);
  caseRoutes(app, ctx, publicLimiter);
  await app.ready();
  return app;
}
