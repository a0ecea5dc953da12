import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
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
import { statsRoutes } from './routes/stats.routes.js';
import { userRoutes } from './routes/user.routes.js';

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
    request.principal = { id: token.id, name: token.name, role: token.role, scope: token.scope, userId: token.userId };
  });

  app.get('/healthz', async () => ({ ok: true }));
  /** Who the token speaks for: the console's sign-in asks this. */
  app.get('/api/v1/me', async (request) => {
    const p = request.principal;
    if (!p) throw new FanzhaError('UNAUTHENTICATED', 'this route needs a bearer token (Authorization: Bearer fz_…)');
    return { role: p.role, name: p.name, scope: p.scope };
  });
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
  userRoutes(app, ctx);
  statsRoutes(app, ctx);
  dispatchRoutes(app, ctx);
  fundsRoutes(app, ctx);
  caseRoutes(app, ctx, publicLimiter);
  await serveConsole(app);
  await app.ready();
  return app;
}

/** The console's build (vite, `web/` → dist/web), next to the compiled server in dist/src/server. */
const CONSOLE_DIR = new URL('../../web/', import.meta.url).pathname;

/**
 * The web console at `/`: hashed assets cached for a year, index.html never (a new build must show at once).
 * Without a build (a server built by tsc alone) the API still serves and `/` says how to build the console.
 */
async function serveConsole(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(`${CONSOLE_DIR}index.html`)) {
    app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('Fanzha API. The console is not built: npm run build.\n'));
    return;
  }
  await app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    wildcard: false,
    setHeaders(res, file) {
      res.header('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
