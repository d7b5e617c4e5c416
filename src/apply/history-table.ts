import type { Queryable } from '../db/queryable.js';
import { PHASE_FILES, type MigrationPhaseFile } from '../migrations/index.js';
import { HISTORY_TABLES, historyAccess, readProblem, writeProblem, type HistoryTable } from './history-access.js';

/**
 * The history lives in the database it describes, in schema `pgtide` (which introspection never
 * reads, so it is never part of a diff):
 *   migrations  one row per migration phase: started when its first part runs, finished with its last
 *   steps       one row per finished part of a phase that is not finished yet, so that a re-run after
 *               a crash resumes at the right part; a phase's rows go when the phase finishes
 *   rollbacks   one row per down.sql that rollback ran
 * The DDL is fixed text: no identifier in it comes from user input. It is one statement per object,
 * so that only what is missing is created: CREATE … IF NOT EXISTS needs the CREATE privilege even
 * when the object exists, and a role that only uses the history need not hold it. Columns added
 * after the first release are added when missing, so a history table made by an older pgtide gains
 * them at the next apply or rollback; their rows keep NULL there ("not recorded").
 */
const CREATE_SCHEMA = 'CREATE SCHEMA IF NOT EXISTS pgtide';
const CREATE_TABLE: Readonly<Record<HistoryTable, string>> = {
  migrations: `
CREATE TABLE IF NOT EXISTS pgtide.migrations (
  version text NOT NULL,
  name text NOT NULL,
  phase text NOT NULL CHECK (phase IN (${PHASE_FILES.map((p) => `'${p}'`).join(', ')})),
  checksum text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  duration_ms bigint,
  applied_by text NOT NULL DEFAULT current_user,
  PRIMARY KEY (version, phase)
)`,
  steps: `
CREATE TABLE IF NOT EXISTS pgtide.steps (
  version text NOT NULL,
  phase text NOT NULL,
  part integer NOT NULL,
  line integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  PRIMARY KEY (version, phase, part)
)`,
  rollbacks: `
CREATE TABLE IF NOT EXISTS pgtide.rollbacks (
  version text NOT NULL,
  name text NOT NULL,
  checksum text NOT NULL,
  rolled_back_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  duration_ms bigint NOT NULL,
  applied_by text NOT NULL DEFAULT current_user
)`,
};

/**
 * sha256 of the migration's down.sql when the phase started ('' hashed when there was none):
 * rollback runs only the down.sql that was there when the migration was applied. ALTER TABLE needs
 * the table's owner even when the column exists, so it runs only when the column is missing.
 */
const ADD_DOWN_CHECKSUM = 'ALTER TABLE pgtide.migrations ADD COLUMN IF NOT EXISTS down_checksum text';

async function hasDownChecksum(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
       WHERE attrelid = 'pgtide.migrations'::regclass AND attname = 'down_checksum' AND NOT attisdropped) AS ok`,
  );
  return rows[0]?.ok === true;
}

export interface AppliedPhase {
  readonly version: string;
  readonly name: string;
  readonly phase: MigrationPhaseFile;
  readonly checksum: string;
  /** Checksum of down.sql when the phase started; null when an older pgtide recorded the phase. */
  readonly downChecksum: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly durationMs: number | null;
  readonly appliedBy: string;
}

export interface StepRecord {
  readonly version: string;
  readonly phase: MigrationPhaseFile;
  readonly part: number;
  readonly finished: boolean;
}

export interface AppliedHistory {
  readonly phases: readonly AppliedPhase[];
  readonly steps: readonly StepRecord[];
}

/**
 * Creates what is missing of the history, after checking that the role may create it and write
 * to it: a missing privilege is named with its GRANT (exit 3) before anything is created.
 */
export async function ensureHistoryTable(db: Queryable): Promise<void> {
  const access = await historyAccess(db);
  const problem = writeProblem(access);
  if (problem) throw problem;
  if (!access.schemaExists) await db.exec(CREATE_SCHEMA);
  for (const table of HISTORY_TABLES) {
    if (!access.tables.has(table)) await db.exec(CREATE_TABLE[table]);
  }
  if (!(await hasDownChecksum(db))) await db.exec(ADD_DOWN_CHECKSUM);
}

interface PhaseRow {
  version: string;
  name: string;
  phase: MigrationPhaseFile;
  checksum: string;
  down_checksum: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: string | number | null;
  applied_by: string;
}

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/** What the database records as applied; empty when pgtide never ran there. Reads only. */
export async function readAppliedHistory(db: Queryable): Promise<AppliedHistory> {
  const access = await historyAccess(db);
  if (!access.tables.has('migrations') || !access.tables.has('steps')) return { phases: [], steps: [] };
  const problem = readProblem(access);
  if (problem) throw problem;
  // Read through to_jsonb: read-only commands never migrate the history table, and one made by an
  // older pgtide has no down_checksum column yet.
  const phases = await db.query<PhaseRow>(
    `SELECT version, name, phase, checksum, to_jsonb(m) ->> 'down_checksum' AS down_checksum, started_at, finished_at, duration_ms, applied_by
     FROM pgtide.migrations m ORDER BY version, phase`,
  );
  const steps = await db.query<{ version: string; phase: MigrationPhaseFile; part: number; finished: boolean }>(
    'SELECT version, phase, part, finished_at IS NOT NULL AS finished FROM pgtide.steps ORDER BY version, phase, part',
  );
  return {
    phases: phases.rows.map((r) => ({
      version: r.version,
      name: r.name,
      phase: r.phase,
      checksum: r.checksum,
      downChecksum: r.down_checksum,
      startedAt: toDate(r.started_at),
      finishedAt: r.finished_at === null ? null : toDate(r.finished_at),
      durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      appliedBy: r.applied_by,
    })),
    steps: steps.rows,
  };
}

export interface PhaseKey {
  readonly version: string;
  readonly name: string;
  readonly phase: MigrationPhaseFile;
  readonly checksum: string;
  /** Checksum of the migration's down.sql, of '' when it has none. */
  readonly downChecksum: string;
}

/** Marks a phase started (idempotent: a resumed phase keeps its first start time). */
export async function recordPhaseStart(db: Queryable, k: PhaseKey, startedAt: Date): Promise<void> {
  await db.query(
    'INSERT INTO pgtide.migrations (version, name, phase, checksum, down_checksum, started_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version, phase) DO NOTHING',
    [k.version, k.name, k.phase, k.checksum, k.downChecksum, startedAt.toISOString()],
  );
}

/** Marks a phase finished and forgets its per-part progress. */
export async function recordPhaseFinish(db: Queryable, k: PhaseKey): Promise<void> {
  await db.query(
    `UPDATE pgtide.migrations SET finished_at = clock_timestamp(),
       duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint
     WHERE version = $1 AND phase = $2`,
    [k.version, k.phase],
  );
  await db.query('DELETE FROM pgtide.steps WHERE version = $1 AND phase = $2', [k.version, k.phase]);
}

/** A non-transactional part is about to run: if the process dies now, the re-run knows it. */
export async function recordStepStart(db: Queryable, k: PhaseKey, part: number, line: number): Promise<void> {
  await db.query(
    'INSERT INTO pgtide.steps (version, phase, part, line) VALUES ($1, $2, $3, $4) ON CONFLICT (version, phase, part) DO NOTHING',
    [k.version, k.phase, part, line],
  );
}

export async function recordStepFinish(db: Queryable, k: PhaseKey, part: number, line: number): Promise<void> {
  await db.query(
    `INSERT INTO pgtide.steps (version, phase, part, line, finished_at) VALUES ($1, $2, $3, $4, clock_timestamp())
     ON CONFLICT (version, phase, part) DO UPDATE SET finished_at = clock_timestamp()`,
    [k.version, k.phase, part, line],
  );
}

/** After down.sql ran: the migration's phases are no longer applied, and the rollback is logged. */
export async function recordRollback(db: Queryable, m: { version: string; name: string; checksum: string; durationMs: number }): Promise<void> {
  await db.exec('BEGIN');
  try {
    await db.query('DELETE FROM pgtide.migrations WHERE version = $1', [m.version]);
    await db.query('DELETE FROM pgtide.steps WHERE version = $1', [m.version]);
    await db.query('INSERT INTO pgtide.rollbacks (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)', [
      m.version,
      m.name,
      m.checksum,
      Math.round(m.durationMs),
    ]);
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
