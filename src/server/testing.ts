import type { FastifyInstance } from 'fastify';
import { openCases, openReportsOnLoss, type ReportLosses } from '../cases/index.js';
import { loadConfig } from '../config/index.js';
import { TextService } from '../text/index.js';
import { openFunds } from '../funds/index.js';
import { DispatchService } from '../dispatch/index.js';
import { ROLES, type Role } from '../domain/role.js';
import { IndicatorCatalog } from '../indicators/index.js';
import { startScreening } from '../screening/index.js';
import { openStore, type Store } from '../store/index.js';
import { buildServer } from './app.js';
import { createContext, type AppContext } from './context.js';

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  ctx: AppContext;
  /** What the report service handed to stop-payment (onLosses), in order. */
  handedOver: ReportLosses[];
  /** The Authorization header of a token of each role. */
  auth(role: Role): { authorization: string };
  close(): Promise<void>;
}

/** The whole API over an in-memory SQLite store, in-process screening and a token per role. */
export async function startTestServer(env: Record<string, string> = {}, options: { now?: () => number } = {}): Promise<TestServer> {
  // The public lists where this machine keeps them (dispatch derives its tree from them).
  const config = loadConfig({ FANZHA_REALDATA_DIR: process.env.FANZHA_REALDATA_DIR ?? '', ...env });
  const store = await openStore({ sqliteFile: ':memory:' });
  const { catalog } = await IndicatorCatalog.open(store, config);
  const screening = await startScreening(store, catalog, config, { screen: true, background: false });
  // Dispatch hears every stored batch, as `serve` wires it; `now` lets tests move its clock.
  const dispatch = await DispatchService.open(store, config, { now: options.now, indicators: catalog.service });
  screening.onWarnings((changes) => void dispatch.enqueue(changes));
  const handedOver: ReportLosses[] = [];
  const funds = openFunds(store, config, { now: options.now });
  const cases = await openCases(store, {
    text: new TextService(catalog.checker, config.FANZHA_TEXT_THRESHOLD),
    indicators: catalog.service,
    maxCases: config.FANZHA_CASE_LINK_MAX_CASES,
    locate: (phone) => dispatch.locate(phone),
    onLosses: async (l) => {
      handedOver.push(l);
      await funds.stopPayForReport(l, { name: 'system', role: 'system' });
    },
  });
  openReportsOnLoss(dispatch, cases.reports);
  const ctx = createContext(config, store, catalog, { screening, dispatch, cases, funds });
  const secrets = {} as Record<Role, string>;
  for (const role of ROLES) secrets[role] = (await ctx.tokens.create(role, `test ${role}`, 'test')).secret;
  const app = await buildServer(ctx);
  return {
    app,
    store,
    ctx,
    handedOver,
    auth: (role) => ({ authorization: `Bearer ${secrets[role]}` }),
    async close() {
      await app.close();
      await screening.stop();
      await store.close();
    },
  };
}
