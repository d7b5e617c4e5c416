import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import { splitStatements, type Statement } from '../migrations/index.js';
import { anyPendingSql, batchShape, measuredBatchSql, pendingCountSql, type BatchShape } from './batch-shape.js';

/**
 * A migration file is run as a sequence of parts: consecutive transactional statements form one
 * transaction, a `-- pgtide:no-transaction` statement runs on its own, and a `-- pgtide:batch`
 * statement runs repeatedly (each run its own transaction) until it touches no row. Replay and
 * apply both run files through here, so what verification proves is what apply does.
 */
export type Part =
  | { readonly kind: 'transaction'; readonly statements: readonly Statement[] }
  | { readonly kind: 'single'; readonly statement: Statement }
  | { readonly kind: 'batch'; readonly statement: Statement; readonly size: number; readonly table: string | null };

export function fileParts(sql: string, where: string): Part[] {
  const parts: Part[] = [];
  let group: Statement[] = [];
  const flush = (): void => {
    if (group.length > 0) parts.push({ kind: 'transaction', statements: group });
    group = [];
  };
  for (const st of splitStatements(sql, where)) {
    if (st.directives.batch) {
      flush();
      parts.push({ kind: 'batch', statement: st, size: st.directives.batch.size, table: st.directives.batch.table });
    } else if (st.directives.noTransaction) {
      flush();
      parts.push({ kind: 'single', statement: st });
    } else {
      group.push(st);
    }
  }
  flush();
  return parts;
}

/** The statements of a part, for dry runs and progress. */
export function partStatements(part: Part): readonly Statement[] {
  return part.kind === 'transaction' ? part.statements : [part.statement];
}

/** The 1-based line a part starts on in its file. */
export function partLine(part: Part): number {
  return partStatements(part)[0]?.line ?? 1;
}

/** lock_timeout and statement_timeout in ms (0 = none), as apply sets them for each statement. */
export interface SessionLimits {
  readonly lockMs: number;
  readonly statementMs: number;
}

/**
 * The SET statements for some limits: LOCAL inside a transaction so they end with it, session-wide
 * for a statement that runs on its own (CONCURRENTLY cannot run in a transaction block).
 */
export function limitsSql(l: SessionLimits, scope: 'local' | 'session'): string {
  const set = scope === 'local' ? 'SET LOCAL' : 'SET';
  return `${set} lock_timeout = ${Math.round(l.lockMs)}; ${set} statement_timeout = ${Math.round(l.statementMs)}`;
}

/** A statement's own `-- pgtide:timeout` limits over the run's. */
function limitsFor(st: Statement, base: SessionLimits): SessionLimits {
  const own = st.directives.limits;
  if (!own) return base;
  return { lockMs: own.lockMs ?? base.lockMs, statementMs: own.statementMs ?? base.statementMs };
}

export interface PartHooks {
  /**
   * The run's timeouts, set before each statement (a statement's timeout directive overrides them).
   * Absent: no limits are set at all, as in replay, where nothing else holds locks.
   */
  readonly limits?: SessionLimits;
  /** Runs inside a transactional part's transaction, just before COMMIT (history records). */
  readonly beforeCommit?: () => Promise<void>;
  /** Called after each run of a batch statement with the rows it touched. */
  readonly onBatch?: (run: number, rows: number) => void;
}

/** Runs one part. A transactional part commits entirely or not at all. */
export async function runPart(db: Queryable, part: Part, where: string, hooks: PartHooks = {}): Promise<void> {
  switch (part.kind) {
    case 'transaction':
      return runInTransaction(db, part.statements, where, hooks);
    case 'single':
      if (hooks.limits) await db.exec(limitsSql(limitsFor(part.statement, hooks.limits), 'session'));
      await runOne(db, part.statement, where);
      return;
    case 'batch':
      if (hooks.limits) await db.exec(limitsSql(limitsFor(part.statement, hooks.limits), 'session'));
      return runBatched(db, part.statement, where, hooks);
    default: {
      const never: never = part;
      throw new Error(`unknown part ${JSON.stringify(never)}`);
    }
  }
}

/** Runs a whole file, part after part. */
export async function runFile(db: Queryable, sql: string, where: string, hooks: PartHooks = {}): Promise<void> {
  for (const part of fileParts(sql, where)) await runPart(db, part, where, hooks);
}

async function runOne(db: Queryable, st: Statement, where: string): Promise<number | null> {
  try {
    return (await db.query(st.text)).affectedRows;
  } catch (err) {
    throw new StatementError(err, st, where);
  }
}

async function runInTransaction(db: Queryable, statements: readonly Statement[], where: string, hooks: PartHooks): Promise<void> {
  await db.exec('BEGIN');
  try {
    let current: SessionLimits | null = null;
    for (const st of statements) {
      const wanted = hooks.limits ? limitsFor(st, hooks.limits) : null;
      if (wanted && (current === null || wanted.lockMs !== current.lockMs || wanted.statementMs !== current.statementMs)) {
        await db.exec(limitsSql(wanted, 'local'));
        current = wanted;
      }
      await runOne(db, st, where);
    }
    if (hooks.beforeCommit) await hooks.beforeCommit();
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function runBatched(db: Queryable, st: Statement, where: string, hooks: PartHooks): Promise<void> {
  const shape = batchShape(st.text);
  if (shape === null) return runUntilNoRow(db, st, where, hooks);
  const measured = measuredBatchSql(st.text, shape);
  let idle = 0;
  for (let run = 1; ; run++) {
    const { touched, still } = await runMeasured(db, measured, st, where);
    hooks.onBatch?.(run, touched);
    if (touched > 0 && still < touched) {
      idle = 0;
      continue;
    }
    if (touched > 0) {
      // Every row this run touched is still pending: the next run picks them again, and so on forever.
      throw new BatchStalledError(st, where, { kind: 'stuck', shape, touched, remaining: await pendingCount(db, shape) });
    }
    if (!(await anyPending(db, shape, st, where))) return;
    // Rows still match but none was touched: a concurrent update moved the rows this run picked (it
    // runs again), or a trigger or rule skips them (it never ends).
    if (++idle >= IDLE_RUNS) {
      throw new BatchStalledError(st, where, { kind: 'skipped', shape, touched: 0, remaining: await pendingCount(db, shape) });
    }
  }
}

/** How many runs in a row may touch no row while rows are still pending. */
const IDLE_RUNS = 3;

async function runMeasured(db: Queryable, sql: string, st: Statement, where: string): Promise<{ touched: number; still: number }> {
  try {
    const row = (await db.query<{ touched: string | number; still: string | number }>(sql)).rows[0];
    return { touched: Number(row?.touched ?? 0), still: Number(row?.still ?? 0) };
  } catch (err) {
    throw new StatementError(err, st, where);
  }
}

async function anyPending(db: Queryable, shape: BatchShape, st: Statement, where: string): Promise<boolean> {
  try {
    return (await db.query(anyPendingSql(shape))).rows.length > 0;
  } catch (err) {
    throw new StatementError(err, st, where);
  }
}

/** The count for the error message; null when even that fails (a statement timeout on a huge table). */
async function pendingCount(db: Queryable, shape: BatchShape): Promise<number | null> {
  try {
    const n = (await db.query<{ n: string | number }>(pendingCountSql(shape))).rows[0]?.n;
    return n === undefined ? null : Number(n);
  } catch {
    return null;
  }
}

/**
 * A batch statement of another shape: its progress cannot be measured, so it runs until it touches
 * no row. The cap is far above any real backfill (size × cap rows) and turns a statement that never
 * reaches zero into an error instead of an endless loop.
 */
async function runUntilNoRow(db: Queryable, st: Statement, where: string, hooks: PartHooks): Promise<void> {
  for (let run = 1; run <= 10_000_000; run++) {
    const affected = await runOne(db, st, where);
    if (affected === null) {
      throw usageError(`${where}:${st.line}: a "-- pgtide:batch" statement must be an INSERT, UPDATE or DELETE that reports how many rows it touched.`);
    }
    hooks.onBatch?.(run, affected);
    if (affected === 0) return;
  }
  throw new StatementError(new Error('it still touched rows after 10,000,000 runs, so it never reaches zero'), st, where);
}

/**
 * A statement of a migration file failed. It is a usage error (exit 2) because the file is what
 * must change; the SQLSTATE is kept so that apply can tell lock timeouts and lost connections apart.
 */
export class StatementError extends Error {
  readonly sqlState: string | null;
  readonly line: number;
  readonly where: string;
  readonly reason: string;
  constructor(cause: unknown, st: Statement, where: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${where}:${st.line}: the statement failed: ${reason}`, { cause });
    this.name = 'StatementError';
    this.sqlState = sqlStateOf(cause);
    this.line = st.line;
    this.where = where;
    this.reason = reason;
  }
}

export function sqlStateOf(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) {
    return err.code;
  }
  return null;
}

export interface BatchStall {
  /** stuck: the rows a run touched all stayed pending; skipped: runs touched no row while rows were pending. */
  readonly kind: 'stuck' | 'skipped';
  readonly shape: BatchShape;
  readonly touched: number;
  /** Rows still pending when the loop stopped; null when they could not be counted. */
  readonly remaining: number | null;
}

/** A batch statement stopped making progress: repeated, it would run forever. */
export class BatchStalledError extends StatementError {
  readonly stall: BatchStall;
  constructor(st: Statement, where: string, stall: BatchStall) {
    super(new Error(stallReason(stall)), st, where);
    this.name = 'BatchStalledError';
    this.stall = stall;
  }
}

function stallReason(s: BatchStall): string {
  const { table, pending, columns } = s.shape;
  const left = s.remaining === null ? 'rows' : `${s.remaining} row(s)`;
  if (s.kind === 'stuck') {
    return `the batch makes no progress: its last run updated ${s.touched} row(s) of ${table} and every one of them still matches its condition (${pending}), so it would update them again forever; ${left} of ${table} still match, and for them the value given to ${columns.join(', ')} is NULL (or does not take them out of the condition)`;
  }
  return `the batch makes no progress: ${IDLE_RUNS} runs in a row updated no row while ${left} of ${table} still match its condition (${pending}); a trigger or rule on ${table} skips them, or the statement cannot update them`;
}
