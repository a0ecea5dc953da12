import path from 'node:path';
import type { Command } from 'commander';
import { IndicatorCatalog } from '../../indicators/index.js';
import { buildServer } from '../../server/app.js';
import { createContext } from '../../server/context.js';
import { openRuntimeConfig, run } from '../runtime.js';

/** `fanzha serve`: the API (and, as they land, the console and the workers) in one process. */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API on PORT (default 8080) with the configured store')
    .option('--port <port>', 'overrides PORT')
    .action((opts: { port?: string }) =>
      run(async () => {
        const { config, store } = await openRuntimeConfig(opts.port ? { PORT: opts.port } : {});
        const where = config.DATABASE_URL ? 'PostgreSQL' : path.join(config.FANZHA_DATA_DIR, 'fanzha.db');
        console.log(`fanzha: store ${where}`);
        const { catalog, stats } = await IndicatorCatalog.open(store, config);
        console.log(`fanzha: ${stats.indicators} indicators loaded in ${stats.ms} ms`);
        catalog.startBackground();
        const ctx = createContext(config, store, catalog);
        const adminFile = await ctx.tokens.bootstrapAdmin(config.FANZHA_DATA_DIR);
        if (adminFile) {
          console.log(`fanzha: first start: an admin token was written to ${adminFile}`);
          console.log(`        read it with:  cat ${adminFile}`);
          console.log('        use it as:     Authorization: Bearer <token>   (create more with: npx fanzha tokens create)');
        }
        const app = await buildServer(ctx, { logger: config.LOG_LEVEL !== 'silent' });
        const address = await app.listen({ port: config.PORT, host: config.HOST });
        console.log(`fanzha: listening on ${address.replace('0.0.0.0', 'localhost')}`);
        const stop = async () => {
          catalog.stop();
          await app.close();
          await store.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
