import { DEFAULT_ALLOWLIST } from '../domain/default-allowlist.js';
import type { Dialect, Migration, SqlDriver } from './driver.js';

/** Versioned schema, written once; the few engine differences are filled in per dialect. */
export function migrations(dialect: Dialect): Migration[] {
  const id = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
  // The event log is append-only: SQLite's plain rowid is already monotonic without AUTOINCREMENT's bookkeeping,
  // and with a single partition on SQLite the rowid order is all a replay needs (no (part, seq) index).
  const logId = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY';
  return [
    {
      version: 1,
      name: 'indicators, sightings, history, allow-list, tokens',
      sql: `
CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters (name, value) VALUES ('indicator_seq', 0);
CREATE TABLE indicators (
  id ${id},
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  status TEXT NOT NULL,
  fraud_types TEXT NOT NULL DEFAULT '',
  score INTEGER NOT NULL,
  source TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  sightings INTEGER NOT NULL DEFAULT 0,
  expires_at BIGINT,
  review_requested_at BIGINT,
  seq BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (kind, value)
);
CREATE INDEX indicators_seq ON indicators (seq);
CREATE INDEX indicators_kind_status_seq ON indicators (kind, status, seq);
CREATE INDEX indicators_expiry ON indicators (expires_at);
CREATE TABLE indicator_sightings (
  indicator_id BIGINT NOT NULL REFERENCES indicators (id),
  reporter TEXT NOT NULL,
  ref TEXT,
  at BIGINT NOT NULL,
  note TEXT,
  PRIMARY KEY (indicator_id, reporter)
);
CREATE TABLE indicator_history (
  id ${id},
  indicator_id BIGINT NOT NULL REFERENCES indicators (id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  reason TEXT NOT NULL,
  changes TEXT
);
CREATE INDEX indicator_history_indicator ON indicator_history (indicator_id, id);
CREATE TABLE allowlist (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  reason TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE TABLE api_tokens (
  id ${id},
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at BIGINT
)`,
    },
    {
      version: 2,
      name: 'default allow-list',
      sql: DEFAULT_ALLOWLIST.map(
        (e) =>
          `INSERT INTO allowlist (kind, value, reason, added_by, added_at) VALUES ('${e.kind}', '${e.value}', '${e.reason}', 'system', 0)`,
      ).join(';\n'),
    },
    {
      version: 3,
      name: 'screening: event log, warnings, checkpoints',
      sql: `
CREATE TABLE screening_events (
  seq ${logId},
  sender TEXT NOT NULL,
  event_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  type TEXT NOT NULL,
  ts BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (sender, event_id)
);
${dialect === 'postgres' ? 'CREATE INDEX screening_events_part_seq ON screening_events (part, seq);' : ''}
CREATE TABLE warnings (
  id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  person TEXT NOT NULL,
  level INTEGER NOT NULL,
  fraud_type TEXT NOT NULL,
  score INTEGER NOT NULL,
  typology TEXT NOT NULL,
  bank TEXT,
  raised_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  stored_at BIGINT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX warnings_seq ON warnings (seq);
CREATE INDEX warnings_person ON warnings (person, raised_at);
INSERT INTO counters (name, value) VALUES ('warning_seq', 0);
CREATE TABLE screening_checkpoints (
  part INTEGER PRIMARY KEY,
  event_seq BIGINT NOT NULL,
  taken_at BIGINT NOT NULL,
  state TEXT NOT NULL
)`,
    },
    {
      version: 4,
      name: 'dispatch: jurisdictions, roster, items, audit, SMS outbox, bank instructions; token scopes',
      sql: `
ALTER TABLE api_tokens ADD COLUMN scope TEXT;
INSERT INTO counters (name, value) VALUES ('dispatch_warning_seq', 0);
CREATE TABLE jurisdictions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent TEXT,
  updated_at BIGINT NOT NULL
);
CREATE TABLE dispatch_roster (
  phone TEXT PRIMARY KEY,
  station_code TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE dispatch_items (
  warning_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  person TEXT NOT NULL,
  level INTEGER NOT NULL,
  fraud_type TEXT NOT NULL,
  typology TEXT NOT NULL,
  score INTEGER NOT NULL,
  bank TEXT,
  station TEXT,
  district TEXT,
  route_reason TEXT NOT NULL,
  status TEXT NOT NULL,
  claimed_by TEXT,
  claimed_at BIGINT,
  tier TEXT NOT NULL,
  late INTEGER NOT NULL,
  phone_due BIGINT,
  visit_due BIGINT,
  contacted_at BIGINT,
  visited_at BIGINT,
  next_check BIGINT,
  outcome TEXT,
  recovery INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT,
  version INTEGER NOT NULL
);
CREATE INDEX dispatch_items_station ON dispatch_items (station, created_at);
CREATE INDEX dispatch_items_district ON dispatch_items (district, created_at);
CREATE INDEX dispatch_items_next_check ON dispatch_items (next_check);
CREATE TABLE dispatch_audit (
  id ${id},
  warning_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX dispatch_audit_warning ON dispatch_audit (warning_id, id);
CREATE TABLE sms_outbox (
  id ${id},
  warning_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  template TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE TABLE bank_instructions (
  id ${id},
  warning_id TEXT NOT NULL UNIQUE,
  bank TEXT NOT NULL,
  level INTEGER NOT NULL,
  fraud_type TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX bank_instructions_bank ON bank_instructions (bank, id)`,
    },
    {
      version: 5,
      name: 'cases: victim reports, losses, report indicators, cases, history, suspects',
      sql: `
CREATE TABLE cases (
  id ${id},
  status TEXT NOT NULL,
  fraud_type TEXT,
  loss_fen BIGINT NOT NULL DEFAULT 0,
  station TEXT,
  district TEXT,
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX cases_opened ON cases (opened_at);
CREATE INDEX cases_station ON cases (station, opened_at);
CREATE INDEX cases_district ON cases (district, opened_at);
CREATE TABLE reports (
  id ${id},
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  victim_name TEXT,
  victim_id_number TEXT,
  victim_phone TEXT,
  occurred_at BIGINT,
  narrative TEXT,
  fraud_type TEXT,
  suggested_type TEXT,
  case_id BIGINT REFERENCES cases (id),
  warning_id TEXT UNIQUE,
  station TEXT,
  district TEXT,
  indicators_ingested INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT
);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX reports_case ON reports (case_id);
CREATE INDEX reports_victim ON reports (victim_id_number);
CREATE INDEX reports_station ON reports (station, created_at);
CREATE INDEX reports_district ON reports (district, created_at);
CREATE TABLE report_losses (
  id ${id},
  report_id BIGINT NOT NULL REFERENCES reports (id),
  position INTEGER NOT NULL,
  from_account TEXT,
  to_account TEXT,
  amount_fen BIGINT,
  ts BIGINT,
  channel TEXT,
  to_bank TEXT,
  handed_over INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX report_losses_report ON report_losses (report_id, position);
CREATE INDEX report_losses_pending ON report_losses (handed_over, report_id);
CREATE TABLE report_indicators (
  report_id BIGINT NOT NULL REFERENCES reports (id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  canonical_kind TEXT,
  canonical TEXT,
  origin TEXT NOT NULL,
  PRIMARY KEY (report_id, position)
);
CREATE INDEX report_indicators_value ON report_indicators (canonical_kind, canonical);
CREATE TABLE case_history (
  id ${id},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT
);
CREATE INDEX case_history_case ON case_history (case_id, id);
CREATE TABLE case_suspects (
  id ${id},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  name TEXT,
  id_number TEXT,
  phone TEXT,
  role TEXT NOT NULL,
  note TEXT,
  added_at BIGINT NOT NULL,
  added_by TEXT NOT NULL,
  arrested_at BIGINT,
  arrested_by TEXT
);
CREATE INDEX case_suspects_case ON case_suspects (case_id, id)`,
    },
    {
      version: 6,
      name: 'funds: stop-payment orders and their outbox, the transfer ledger, freezes, returns',
      sql: `
CREATE TABLE fund_orders (
  id ${id},
  report_id BIGINT,
  case_id BIGINT,
  victim_phone TEXT,
  payer_account TEXT,
  account TEXT NOT NULL,
  bank TEXT,
  hop INTEGER NOT NULL,
  amount_fen BIGINT NOT NULL,
  arrived_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  held_fen BIGINT NOT NULL,
  note TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  answered_at BIGINT
);
CREATE UNIQUE INDEX fund_orders_report_account ON fund_orders (report_id, account);
CREATE INDEX fund_orders_bank ON fund_orders (bank, id);
CREATE TABLE fund_outbox (
  order_id BIGINT PRIMARY KEY,
  attempts INTEGER NOT NULL,
  next_at BIGINT NOT NULL,
  last_error TEXT
);
CREATE INDEX fund_outbox_next ON fund_outbox (next_at);
CREATE TABLE fund_ledger (
  id ${id},
  sender TEXT NOT NULL,
  event_id TEXT NOT NULL,
  from_account TEXT NOT NULL,
  to_account TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  ts BIGINT NOT NULL,
  UNIQUE (sender, event_id)
);
CREATE INDEX fund_ledger_from ON fund_ledger (from_account, ts);
CREATE INDEX fund_ledger_to ON fund_ledger (to_account, ts);
INSERT INTO counters (name, value) VALUES ('funds_ledger_seq', 0);
CREATE TABLE fund_freezes (
  id ${id},
  order_id BIGINT NOT NULL,
  case_id BIGINT,
  account TEXT NOT NULL,
  bank TEXT,
  amount_fen BIGINT NOT NULL,
  document_no TEXT NOT NULL,
  until_ts BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE fund_returns (
  id ${id},
  freeze_id BIGINT NOT NULL,
  report_id BIGINT,
  case_id BIGINT,
  victim_phone TEXT,
  bank TEXT,
  amount_fen BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX fund_returns_freeze ON fund_returns (freeze_id)`,
    },
    {
      version: 7,
      name: 'console: users with passwords, expiring session tokens; indexes for the dashboard periods',
      sql: `
CREATE TABLE users (
  id ${id},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT,
  password_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disabled_at BIGINT
);
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN user_id BIGINT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE INDEX dispatch_items_created ON dispatch_items (created_at);
CREATE INDEX dispatch_items_closed ON dispatch_items (closed_at);
CREATE INDEX reports_submitted ON reports (submitted_at);
CREATE INDEX fund_orders_answered ON fund_orders (answered_at);
CREATE INDEX fund_returns_created ON fund_returns (created_at)`,
    },
  ];
}

/** Applies, each in its own transaction, the migrations the database has not seen yet. */
export async function applyMigrations(driver: SqlDriver): Promise<number[]> {
  await driver.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const done = new Set(
    (await driver.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
  );
  const applied: number[] = [];
  for (const migration of migrations(driver.dialect)) {
    if (done.has(migration.version)) continue;
    await driver.transaction(async (tx) => {
      for (const statement of migration.sql.split(/;\s*\n/)) {
        if (statement.trim()) await tx.run(statement);
      }
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    });
    applied.push(migration.version);
  }
  return applied;
}
