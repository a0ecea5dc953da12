import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { FanzhaError } from '../domain/errors.js';
import type { Actor } from '../domain/role.js';
import { IndicatorCatalog } from '../indicators/index.js';
import { openConfiguredStore, type Store } from '../store/index.js';

/** The CLI speaks for whoever runs it on the server: an admin. */
export const CLI_ACTOR: Actor = { name: `cli:${process.env.USER ?? 'unknown'}`, role: 'admin' };

export interface Runtime {
  config: Config;
  store: Store;
  catalog: IndicatorCatalog;
}

/**
 * Opens the same configuration and store the server uses. `index: false` skips loading every indicator
 * into memory, for commands that only write (an import) or read the store (list, export).
 */
export async function openRuntime(options: { index: boolean }): Promise<Runtime> {
  const { config, store } = await openRuntimeConfig();
  const catalog = options.index
    ? (await IndicatorCatalog.open(store, config)).catalog
    : await IndicatorCatalog.openWithoutIndex(store, config);
  return { config, store, catalog };
}

/** Opens the runtime, runs `body` with it, and closes the store whatever happens. */
export async function withRuntime<T>(options: { index: boolean }, body: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(options);
  try {
    return await body(rt);
  } finally {
    await rt.store.close();
  }
}

/** Validated configuration (command-line overrides win over the environment) and the store it names. */
export async function openRuntimeConfig(overrides: Record<string, string> = {}): Promise<{ config: Config; store: Store }> {
  const config = loadConfig({ ...process.env, ...overrides });
  return { config, store: await openConfiguredStore(config) };
}

/** Runs a command body, turning known errors into a one-line message and an exit code. */
export async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof FanzhaError) {
      process.stderr.write(`error ${err.code}: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      throw err;
    }
  }
}
