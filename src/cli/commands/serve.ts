import path from 'node:path';
import type { Command } from 'commander';
import { openCases, openReportsOnLoss } from '../../cases/index.js';
import { DispatchService } from '../../dispatch/index.js';
import { openFunds } from '../../funds/index.js';
import { IndicatorCatalog } from '../../indicators/index.js';
import { startScreening } from '../../screening/index.js';
import { buildServer } from '../../server/app.js';
import { createContext } from '../../server/context.js';
import { TextService } from '../../text/index.js';
import { createDemoUsers, demoWanted, startDemo } from '../demo.js';
import { openRuntimeConfig, run } from '../runtime.js';

const ROLES = ['api', 'screening', 'dispatch'] as const;
const FUNDS_EVERY_MS = 1000;
const SYSTEM = { name: 'system', role: 'system' } as const;
type ServeRole = (typeof ROLES)[number];

function parseRoles(spec: string): ServeRole[] {
  const roles = spec.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) throw new Error(`--roles takes a list of ${ROLES.join(', ')}; got ${spec}`);
  return roles as ServeRole[];
}

/**
 * `fanzha serve`: one build, several roles. `api` serves HTTP; `screening` screens events (in-process by default;
 * on NATS, the partitions named by FANZHA_SCREENING_PARTITIONS); `dispatch` routes the warnings this process
 * stores and sweeps for missed deadlines. Without NATS all run in this process.
 */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API on PORT (default 8080) and screen events, with the configured store and transport')
    .option('--port <port>', 'overrides PORT')
    .option('--roles <roles>', `what this process does: ${ROLES.join(',')}`, 'api,screening,dispatch')
    .action((opts: { port?: string; roles: string }) =>
      run(async () => {
        const roles = parseRoles(opts.roles);
        const { config, store } = await openRuntimeConfig(opts.port ? { PORT: opts.port } : {});
        const where = config.DATABASE_URL ? 'PostgreSQL' : path.join(config.FANZHA_DATA_DIR, 'fanzha.db');
        console.log(`fanzha: store ${where}; roles ${roles.join(', ')}`);
        const { catalog, stats } = await IndicatorCatalog.open(store, config);
        console.log(`fanzha: ${stats.indicators} indicators loaded in ${stats.ms} ms`);
        catalog.startBackground();
        const screening = await startScreening(store, catalog, config, { screen: roles.includes('screening'), background: true });
        const parts = [...screening.services.keys()];
        console.log(
          `fanzha: events by ${screening.transport.kind}; typologies v${screening.rules.rulebook.version}` +
            (parts.length ? `; screening partition${parts.length > 1 ? 's' : ''} ${parts.join(',')}` : ''),
        );
        const dispatch = await DispatchService.open(store, config, { indicators: catalog.service });
        let sweep: NodeJS.Timeout | null = null;
        if (roles.includes('dispatch')) {
          screening.onWarnings((changes) => void dispatch.enqueue(changes));
          const missed = await dispatch.catchUp();
          if (missed) console.log(`fanzha: dispatch caught up with ${missed} stored warning changes`);
          sweep = setInterval(
            () => dispatch.sweep().catch((err: unknown) => console.error('[dispatch] sweep failed:', err)),
            config.FANZHA_DISPATCH_SWEEP_SEC * 1000,
          ).unref();
          console.log(`fanzha: dispatch over ${dispatch.tree.size} units of ${dispatch.tree.city?.name ?? '(no city)'}; sweep every ${config.FANZHA_DISPATCH_SWEEP_SEC} s`);
        }
        // Reports and cases; each saved loss goes to the stop-payment flow at once.
        const funds = openFunds(store, config);
        const cases = await openCases(store, {
          text: new TextService(catalog.checker, config.FANZHA_TEXT_THRESHOLD),
          indicators: catalog.service,
          maxCases: config.FANZHA_CASE_LINK_MAX_CASES,
          locate: (phone) => dispatch.locate(phone),
          onLosses: async (losses) => void (await funds.stopPayForReport(losses, SYSTEM)),
        });
        console.log(`fanzha: case linker over ${cases.linker.caseCount} cases, ${cases.linker.keyCount} indicators`);
        let fundsLoop: NodeJS.Timeout | null = null;
        if (roles.includes('dispatch')) {
          openReportsOnLoss(dispatch, cases.reports);
          // The stop-payment outbox (retries) and the transfer ledger that money tracing reads.
          fundsLoop = setInterval(
            () => Promise.all([funds.deliver(), funds.tailLedger()]).catch((err: unknown) => console.error('[funds] outbox or ledger failed:', err)),
            FUNDS_EVERY_MS,
          ).unref();
        }
        let closeApi: (() => Promise<void>) | null = null;
        if (roles.includes('api')) {
          const ctx = createContext(config, store, catalog, { screening, dispatch, cases, funds });
          const adminFile = await ctx.tokens.bootstrapAdmin(config.FANZHA_DATA_DIR);
          if (adminFile) {
            console.log(`fanzha: first start: an admin token was written to ${adminFile}`);
            console.log(`        read it with:  cat ${adminFile}`);
            console.log('        use it as:     Authorization: Bearer <token>   (create more with: npx fanzha tokens create)');
          }
          if (demoWanted(config)) {
            const usersFile = await createDemoUsers(ctx.users, roles.includes('dispatch') ? dispatch : null, config.FANZHA_DATA_DIR);
            if (usersFile) console.log(`fanzha: demo users (analyst, station, hotline, bank) and their passwords are in ${usersFile}`);
          }
          const app = await buildServer(ctx, { logger: config.LOG_LEVEL !== 'silent' });
          const address = await app.listen({ port: config.PORT, host: config.HOST });
          console.log(`fanzha: listening on ${address.replace('0.0.0.0', 'localhost')}`);
          closeApi = () => app.close();
        }
        let demo: AbortController | null = null;
        if (roles.includes('api') && demoWanted(config)) {
          demo = startDemo(config, catalog, screening, roles.includes('dispatch') ? dispatch : null);
          console.log(`fanzha: playing the demo city (${config.FANZHA_DEMO_PEOPLE} people, ${config.FANZHA_DEMO_SPEED}× real time; FANZHA_DEMO=false to switch off)`);
        }
        const stop = async () => {
          demo?.abort();
          catalog.stop();
          if (sweep) clearInterval(sweep);
          if (fundsLoop) clearInterval(fundsLoop);
          await closeApi?.();
          await dispatch.idle();
          await screening.stop();
          await store.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
