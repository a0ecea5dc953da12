import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository / package root (where package.json and assets/ live). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  PORT: intFrom(0, 65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  FANZHA_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite store)')
    .optional(),
  NATS_URL: z.string().regex(/^nats:\/\//, 'must be a nats:// URL').optional(),
  FANZHA_REALDATA_DIR: z.string().min(1).default(path.resolve(PACKAGE_ROOT, '../shared/realdata')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Independent reports of one value that raise it for verification. */
  FANZHA_VERIFY_THRESHOLD: intFrom(2, 1000).default(3),
  /** Public (token-less) look-ups per client per minute. */
  FANZHA_PUBLIC_RATE_PER_MIN: intFrom(1, 1_000_000).default(60),
  /** Values per public batch look-up; partners with a token get FANZHA_BATCH_MAX. */
  FANZHA_PUBLIC_BATCH_MAX: intFrom(1, 10_000).default(20),
  FANZHA_BATCH_MAX: intFrom(1, 10_000).default(10_000),
  /** Days a blocked or verified indicator lives without a new sighting, per kind group. */
  FANZHA_TTL_DAYS_PHONE: intFrom(1, 3650).default(180),
  FANZHA_TTL_DAYS_WEB: intFrom(1, 3650).default(90),
  FANZHA_TTL_DAYS_ACCOUNT: intFrom(1, 3650).default(365),
  /** Fraud probability at which the text model says "fraud"; the model file's tuned threshold when unset. */
  FANZHA_TEXT_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** The screening rules: typologies, thresholds, remote-control apps (reloaded when the file changes). */
  FANZHA_TYPOLOGIES: z.string().min(1).default(path.resolve(PACKAGE_ROOT, 'assets/typologies.json')),
  /** Hours a console sign-in (user and password) stays valid. */
  FANZHA_SESSION_HOURS: intFrom(1, 24 * 30).default(12),
  /** Partitions people are spread over on NATS (fixed for the life of a stream). */
  FANZHA_PARTITIONS: intFrom(1, 1024).default(8),
  /** Partitions this process screens on NATS: `all`, or a list and ranges like `0-3,6`. */
  FANZHA_SCREENING_PARTITIONS: z.string().regex(/^(all|\d+(-\d+)?(,\d+(-\d+)?)*)$/, 'all, or a list like 0-3,6').default('all'),
  /** Seconds between checkpoints of the screening engine's memory. */
  FANZHA_CHECKPOINT_SEC: intFrom(1, 86_400).default(60),
  /** People the screening engine tracks at once (least recently active forgotten first). */
  FANZHA_MAX_PEOPLE: intFrom(1000, 100_000_000).default(2_000_000),
  /** The demo city on `serve`: `auto` plays it on the embedded SQLite store only (never into a PostgreSQL deployment). */
  FANZHA_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Simulated time per wall-clock second in the demo (300: five minutes a second). */
  FANZHA_DEMO_SPEED: z.coerce.number().positive().max(100_000).default(300),
  FANZHA_DEMO_PEOPLE: intFrom(100, 1_000_000).default(20_000),
  /** Dispatch: the city whose districts and streets make the default jurisdiction tree (administrative code). */
  FANZHA_DISPATCH_CITY: z.string().regex(/^\d{4}$/, 'a 4-digit city code such as 1401').default('1401'),
  /** Dispatch: optional JSON file with extra or replaced units and number-prefix routes (see README, Dispatch). */
  FANZHA_DISPATCH_FILE: z.string().min(1).optional(),
  /** Dispatch deadlines in minutes: first contact per level, visit for level 1 and after an unreachable call. */
  FANZHA_DEADLINE_L1_PHONE_MIN: intFrom(1, 100_000).default(5),
  FANZHA_DEADLINE_L1_VISIT_MIN: intFrom(1, 100_000).default(30),
  FANZHA_DEADLINE_L2_PHONE_MIN: intFrom(1, 100_000).default(30),
  FANZHA_DEADLINE_L3_PHONE_MIN: intFrom(1, 100_000).default(24 * 60),
  FANZHA_DEADLINE_UNREACHABLE_VISIT_MIN: intFrom(1, 100_000).default(30),
  /** Seconds between sweeps for missed deadlines (escalation). */
  FANZHA_DISPATCH_SWEEP_SEC: intFrom(1, 3600).default(15),
  /** Case linking (串并案): an indicator shared by more cases than this links none of them (a popular value). */
  FANZHA_CASE_LINK_MAX_CASES: intFrom(2, 1_000_000).default(50),
  /** Money tracing (资金链): how long after the victim's money reached an account its onward transfers are followed. */
  FANZHA_TRACE_WINDOW_HOURS: intFrom(1, 24 * 90).default(72),
  /** Money tracing: how many hops from the first payee account are followed. */
  FANZHA_TRACE_MAX_HOPS: intFrom(1, 50).default(8),
  /**
   * Stop-payment orders pushed to banks that take them by webhook, as JSON {"bank name": "https://…"}; other
   * banks pull their orders from GET /api/v1/orders.
   */
  FANZHA_BANK_WEBHOOKS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string' && /^https?:\/\//.test(v))) {
          return parsed as Record<string, string>;
        }
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'FANZHA_BANK_WEBHOOKS must be a JSON object of bank name to http(s) URL' });
      return z.NEVER;
    }),
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  FANZHA_TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export type Config = z.infer<typeof schema>;

/** Raised with every problem in the environment at once. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Read and validate the configuration once; throws ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        return `${key}=${JSON.stringify(input[key] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const config = parsed.data;
  config.FANZHA_DATA_DIR = path.resolve(config.FANZHA_DATA_DIR);
  return config;
}

/** For tests that read the shared public lists: a reason to skip when `dir` is not on this machine, else false. */
export function missingRealdata(dir: string = loadConfig().FANZHA_REALDATA_DIR): string | false {
  return fs.existsSync(path.join(dir, 'admin-divisions')) ? false : `needs the public lists at ${dir} (FANZHA_REALDATA_DIR)`;
}
