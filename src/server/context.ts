import type { FastifyRequest } from 'fastify';
import { can, TokenService, UserService, type Permission } from '../auth/index.js';
import type { Cases } from '../cases/index.js';
import type { Config } from '../config/index.js';
import type { DispatchService } from '../dispatch/index.js';
import type { FundsService } from '../funds/index.js';
import { FanzhaError } from '../domain/errors.js';
import type { Actor, Role } from '../domain/role.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import type { ScreeningRuntime } from '../screening/index.js';
import type { Store } from '../store/index.js';
import { StatsService } from '../stats/index.js';
import { TextService } from '../text/index.js';
import type { RateLimiter } from './rate-limit.js';

/** What routes are given: configuration and the services of this process. */
export interface AppContext {
  config: Config;
  store: Store;
  catalog: IndicatorCatalog;
  tokens: TokenService;
  /** Console users and their sign-ins. */
  users: UserService;
  text: TextService;
  screening: ScreeningRuntime;
  /** Warning dispatch (routing, deadlines, work, live queues). */
  dispatch: DispatchService;
  /** Victim reports, cases and case linking. */
  cases: Cases;
  /** Stop-payment orders, money tracing, freezes and returns. */
  funds: FundsService;
  /** The dashboard's figures by period. */
  stats: StatsService;
}

/** The services of this process that routes call. */
export type Services = Pick<AppContext, 'screening' | 'dispatch' | 'cases' | 'funds'>;

/** The context of one process: tokens and the text service over the store, the indicator catalog and screening. */
export function createContext(config: Config, store: Store, catalog: IndicatorCatalog, services: Services): AppContext {
  const tokens = new TokenService(store);
  return {
    config, store, catalog, ...services, tokens,
    users: new UserService(store, tokens, config.FANZHA_SESSION_HOURS * 3_600_000),
    stats: new StatsService(store, () => services.dispatch.tree),
    text: new TextService(catalog.checker, config.FANZHA_TEXT_THRESHOLD),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token holder, or null for a public (token-less) request; `userId` is set for a user's sign-in session. */
    principal: { id: number; name: string; role: Role; scope: string | null; userId: number | null } | null;
  }
}

/** The actor to record in history for this request. */
export function actorOf(request: FastifyRequest): Actor {
  const p = request.principal;
  return p ? { name: `token:${p.id} ${p.name}`, role: p.role } : { name: `public:${request.ip}`, role: 'public' };
}

/** Throws UNAUTHENTICATED / FORBIDDEN unless the caller holds `permission`; returns the caller. */
export function requirePermission(request: FastifyRequest, permission: Permission): { id: number; name: string; role: Role; scope: string | null } {
  const p = request.principal;
  if (!p) throw new FanzhaError('UNAUTHENTICATED', 'this route needs a bearer token (Authorization: Bearer fz_…)');
  if (!can(p.role, permission)) throw new FanzhaError('FORBIDDEN', `role ${p.role} may not do this (${permission})`);
  return p;
}

/** Public (token-less) callers spend `cost` from their per-client budget; token holders are not limited. */
export function throttle(limiter: RateLimiter, request: FastifyRequest, cost: number): void {
  if (request.principal) return;
  const wait = limiter.take(request.ip, cost);
  if (wait > 0) {
    throw new FanzhaError('RATE_LIMITED', `too many look-ups from this address; try again in ${wait} s`, { retryAfterSeconds: wait });
  }
}
