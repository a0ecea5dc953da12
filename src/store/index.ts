import path from 'node:path';
import type { Config } from '../config/index.js';
import type { SqlDriver } from './driver.js';
import { AllowlistRepository } from './allowlist.repository.js';
import { CaseRepository } from './case.repository.js';
import { DispatchRepository } from './dispatch.repository.js';
import { FundsRepository } from './funds.repository.js';
import { IndicatorRepository } from './indicator.repository.js';
import { ScreeningRepository } from './screening.repository.js';
import { StatsRepository } from './stats.repository.js';
import { TokenRepository } from './token.repository.js';
import { UserRepository } from './user.repository.js';
import { openPostgres } from './postgres/driver.js';
import { SqliteDriver } from './sqlite/driver.js';

export type { SqlDriver, SqlExecutor, Dialect } from './driver.js';
export type { IndicatorFilter, IndicatorLoadRow, NewIndicator } from './indicator.repository.js';
export type { ApiToken } from './token.repository.js';
export type { User } from './user.repository.js';
export { EMPTY_FIGURES, type PeriodFigures, type Share, type StatsArea } from './stats.repository.js';
export type { AllowEntry } from './allowlist.repository.js';
export type { ItemFilter, OutcomeCount } from './dispatch.repository.js';
export type { LoggedEvent, WarningFilter } from './screening.repository.js';
export type { NewOrder, OrderFilter } from './funds.repository.js';
export type { CaseFilter, NewReport, ReportFilter } from './case.repository.js';
export { IndicatorRepository, TokenRepository, AllowlistRepository, ScreeningRepository, DispatchRepository, CaseRepository };

/** Everything persistent, behind one object; only this folder talks SQL. */
export interface Store {
  readonly driver: SqlDriver;
  readonly indicators: IndicatorRepository;
  readonly tokens: TokenRepository;
  readonly users: UserRepository;
  readonly stats: StatsRepository;
  readonly allowlist: AllowlistRepository;
  readonly screening: ScreeningRepository;
  readonly dispatch: DispatchRepository;
  readonly funds: FundsRepository;
  readonly cases: CaseRepository;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite. */
  databaseUrl?: string;
  /** SQLite file (":memory:" for tests); defaults to `<dataDir>/fanzha.db`. */
  sqliteFile?: string;
  /** PostgreSQL schema to live in (tests use one each). */
  pgSchema?: string;
}

/** Opens the configured engine and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const driver: SqlDriver = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.pgSchema)
    : new SqliteDriver(options.sqliteFile ?? ':memory:');
  await driver.migrate();
  return {
    driver,
    indicators: new IndicatorRepository(driver),
    tokens: new TokenRepository(driver),
    users: new UserRepository(driver),
    stats: new StatsRepository(driver),
    allowlist: new AllowlistRepository(driver),
    screening: new ScreeningRepository(driver),
    dispatch: new DispatchRepository(driver),
    funds: new FundsRepository(driver),
    cases: new CaseRepository(driver),
    close: () => driver.close(),
  };
}

/** The store a configuration names: PostgreSQL when DATABASE_URL is set, else SQLite under the data directory. */
export function openConfiguredStore(config: Config): Promise<Store> {
  return openStore({
    databaseUrl: config.DATABASE_URL,
    sqliteFile: path.join(config.FANZHA_DATA_DIR, 'fanzha.db'),
  });
}
