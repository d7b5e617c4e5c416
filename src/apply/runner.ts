import type { Queryable } from '../db/queryable.js';
import { runtimeError } from '../errors.js';
import { concurrentIndexOf, dropInvalidIndex, invalidIndex, type ConcurrentIndex } from './concurrent-index.js';
import { recordPhaseFinish, recordPhaseStart, recordStepFinish, recordStepStart, type PhaseKey } from './history-table.js';
import { BatchStalledError, limitsSql, partLine, runPart, StatementError, type Part, type PartHooks, type SessionLimits } from './parts.js';
import type { WorkItem } from './select.js';
import { fileChecksum } from './work.js';

export interface StepTimeouts {
  /** lock_timeout per step in ms; 0 = wait forever. */
  readonly lockTimeoutMs: number;
  /** statement_timeout per step (per batch) in ms; 0 = none. */
  readonly statementTimeoutMs: number;
  /** How often a step that hit lock_timeout (or a deadlock) is tried again. */
  readonly lockRetries: number;
  /** First backoff delay; doubled for each retry. */
  readonly backoffMs: number;
}

interface Where {
  readonly item: WorkItem;
  readonly index: number;
  readonly total: number;
}

export type ApplyEvent =
  | { readonly type: 'phase-start'; readonly at: Where }
  | { readonly type: 'part-start'; readonly at: Where; readonly part: number; readonly line: number }
  /** A non-transactional part ran and is not recorded yet: the one window a crash cannot make atomic. */
  | { readonly type: 'part-executed'; readonly at: Where; readonly part: number }
  | { readonly type: 'part-done'; readonly at: Where; readonly part: number }
  /** `done` counts rows over this part's runs so far; `total` is the table's estimated row count, when known. */
  | { readonly type: 'batch'; readonly at: Where; readonly part: number; readonly run: number; readonly rows: number; readonly done: number; readonly total: number | null }
  | { readonly type: 'retry'; readonly at: Where; readonly part: number; readonly attempt: number; readonly delayMs: number }
  /** Something apply did besides the file's statements (an invalid index dropped), said in one line. */
  | { readonly type: 'note'; readonly at: Where; readonly part: number; readonly message: string }
  | { readonly type: 'phase-done'; readonly at: Where; readonly durationMs: number };

export type ApplyListener = (event: ApplyEvent) => void | Promise<void>;

export interface AppliedItem {
  readonly file: string;
  readonly durationMs: number;
}

// lock_not_available (lock_timeout), deadlock_detected: another session held what the step needs.
const RETRYABLE = new Set(['55P03', '40P01']);
// What a non-transactional statement reports when run twice: it finished before the crash.
const ALREADY_DONE = new Set(['42P07', '42710', '42701', '42704']);

/** Runs the selected phases one after another, recording each as it goes. */
export async function runWork(db: Queryable, items: readonly WorkItem[], t: StepTimeouts, listen: ApplyListener = () => undefined): Promise<AppliedItem[]> {
  const applied: AppliedItem[] = [];
  const limits: SessionLimits = { lockMs: t.lockTimeoutMs, statementMs: t.statementTimeoutMs };
  for (const [index, item] of items.entries()) {
    const at: Where = { item, index, total: items.length };
    const started = Date.now();
    await listen({ type: 'phase-start', at });
    await runItem(db, at, limits, t, listen);
    const durationMs = Date.now() - started;
    applied.push({ file: item.file, durationMs });
    await listen({ type: 'phase-done', at, durationMs });
  }
  return applied;
}

async function runItem(db: Queryable, at: Where, limits: SessionLimits, t: StepTimeouts, listen: ApplyListener): Promise<void> {
  const { item } = at;
  const k: PhaseKey = { version: item.folder.version, name: item.folder.name, phase: item.phase, checksum: item.checksum, downChecksum: fileChecksum(item.folder.files.down ?? '') };
  const startedAt = new Date();
  const last = item.parts.length - 1;
  if (item.parts.length === 0) {
    await inTransaction(db, async () => {
      await recordPhaseStart(db, k, startedAt);
      await recordPhaseFinish(db, k);
    });
    return;
  }
  for (const [i, part] of item.parts.entries()) {
    if (item.doneParts.has(i)) continue;
    await listen({ type: 'part-start', at, part: i, line: partLine(part) });
    const total = part.kind === 'batch' && part.table !== null ? await estimatedRows(db, part.table) : null;
    let done = 0;
    const hooks: PartHooks = {
      limits,
      onBatch: (run, rows) => {
        done += rows;
        void listen({ type: 'batch', at, part: i, run, rows, done, total });
      },
    };
    if (part.kind === 'transaction') {
      // The record commits with the work: a transactional part is done exactly once.
      const beforeCommit = async (): Promise<void> => {
        await recordPhaseStart(db, k, startedAt);
        if (i === last) await recordPhaseFinish(db, k);
        else await recordStepFinish(db, k, i, partLine(part));
      };
      await withRetry(db, at, i, t, listen, () => runPart(db, part, item.file, { ...hooks, beforeCommit }));
    } else {
      await recordPhaseStart(db, k, startedAt);
      await recordStepStart(db, k, i, partLine(part));
      await runOutside(db, at, i, part, hooks, t, listen);
      await listen({ type: 'part-executed', at, part: i });
      if (i === last) await inTransaction(db, () => recordPhaseFinish(db, k));
      else await recordStepFinish(db, k, i, partLine(part));
    }
    await listen({ type: 'part-done', at, part: i });
  }
}

/**
 * A non-transactional part that was interrupted (or failed on a lock and is retried) may have
 * finished on the server: run again, it fails because its object already exists (or is already
 * gone), which means it is done. A CREATE INDEX CONCURRENTLY is the exception: a failed or killed
 * build leaves its index INVALID, which exists but is unusable; it is dropped before each new
 * attempt, here and on a later run.
 */
async function runOutside(db: Queryable, at: Where, i: number, part: Part, hooks: PartHooks, t: StepTimeouts, listen: ApplyListener): Promise<void> {
  const index = part.kind === 'single' ? concurrentIndexOf(part.statement.text) : null;
  if (index !== null) return buildIndex(db, at, i, part, index, hooks, t, listen);
  let again = at.item.interruptedParts.has(i);
  await withRetry(db, at, i, t, listen, async () => {
    try {
      await runPart(db, part, at.item.file, hooks);
    } catch (err) {
      if (again && isAlreadyDone(err)) {
        const invalid = await invalidIndexes(db);
        if (invalid.length === 0) return;
        throw runtimeError(
          `${at.item.file}:${partLine(part)}: this step failed or was interrupted before, and the database holds the invalid index(es) ${invalid.join(', ')}. Drop them with DROP INDEX CONCURRENTLY, then run "pgtide apply" again to build them anew.`,
          err,
        );
      }
      throw err;
    } finally {
      again = true;
    }
  });
}

const isAlreadyDone = (err: unknown): err is StatementError => err instanceof StatementError && err.sqlState !== null && ALREADY_DONE.has(err.sqlState);

async function buildIndex(db: Queryable, at: Where, i: number, part: Part, index: ConcurrentIndex, hooks: PartHooks, t: StepTimeouts, listen: ApplyListener): Promise<void> {
  const note = (message: string): Promise<void> | void => listen({ type: 'note', at, part: i, message });
  const where = `${at.item.file}:${partLine(part)}`;
  const drop = async (failure: string): Promise<string | null> => {
    try {
      return await dropInvalidIndex(db, index);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw runtimeError(
        `${where} on ${db.displayName}: ${failure}, and the invalid index ${index.name} it leaves could not be dropped (${reason}). "pgtide apply" drops it when it runs this step again; or drop it yourself with DROP INDEX CONCURRENTLY.`,
        err,
      );
    }
  };
  const again = at.item.interruptedParts.has(i);
  if (again) {
    // Under the run's limits, as the build itself: DROP INDEX CONCURRENTLY also waits for other sessions.
    if (hooks.limits) await db.exec(limitsSql(hooks.limits, 'session'));
    const dropped = await drop('an earlier run of this CREATE INDEX CONCURRENTLY did not finish');
    if (dropped !== null) await note(`the invalid index ${dropped} left by an earlier run that did not finish was dropped; building it again`);
  }
  let dropped = 0;
  const fail = (err: unknown, attempts: number, lockTimeout: boolean): unknown => indexFailure(err, db, index, attempts, lockTimeout, dropped);
  await withRetry(db, at, i, t, listen, async () => {
    try {
      await runPart(db, part, at.item.file, hooks);
    } catch (err) {
      // Resumed, the build may have finished before the earlier run died: the index exists and is valid.
      if (again && err instanceof StatementError && err.sqlState === '42P07' && (await invalidIndex(db, index)) === null) return;
      if (err instanceof StatementError) {
        const name = await drop(`CREATE INDEX CONCURRENTLY failed (${err.reason})`);
        if (name !== null) {
          dropped++;
          await note(`CREATE INDEX CONCURRENTLY failed (${err.reason}); the invalid index ${name} it left was dropped`);
        }
      }
      throw err;
    }
  }, fail);
}

function indexFailure(err: unknown, db: Queryable, index: ConcurrentIndex, attempts: number, lockTimeout: boolean, dropped: number): unknown {
  if (!(err instanceof StatementError)) return err;
  const what = lockTimeout
    ? `CREATE INDEX CONCURRENTLY of ${index.name} timed out ${attempts} time(s) waiting for other transactions (${err.reason})`
    : `CREATE INDEX CONCURRENTLY of ${index.name} failed: ${err.reason}`;
  const left = dropped === 0 ? 'it left no index behind'
    : attempts === 1 ? 'the invalid index it left was dropped'
    : dropped === attempts ? 'the invalid index it left was dropped each time'
    : `the invalid index it left was dropped after ${dropped} of them`;
  const hint = lockTimeout
    ? ' A concurrent build waits for every transaction that started before it, even an idle one that holds a snapshot (REPEATABLE READ or SERIALIZABLE, pg_dump): end those (pg_stat_activity shows them with an old xact_start), or raise "lockTimeout" / "lockRetries" in the config.'
    : '';
  return runtimeError(
    `${err.where}:${err.line} on ${db.displayName}: ${what}; ${left}.${hint} Every earlier step is applied and recorded in pgtide.migrations, so "pgtide apply" continues from this step once the cause is fixed.`,
    err,
  );
}

/**
 * The planner's row estimate for a table (pg_class.reltuples): free to read, good enough for an ETA.
 * Null when the table was never analyzed or cannot be found; progress then shows rows and rate only.
 */
async function estimatedRows(db: Queryable, table: string): Promise<number | null> {
  try {
    const res = await db.query<{ n: string | number | null }>(
      `SELECT CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END AS n FROM pg_class c WHERE c.oid = to_regclass($1)`,
      [table],
    );
    const n = res.rows[0]?.n;
    return n === null || n === undefined ? null : Number(n);
  } catch {
    return null;
  }
}

async function invalidIndexes(db: Queryable): Promise<string[]> {
  const res = await db.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid ORDER BY 1`,
  );
  return res.rows.map((r) => r.name);
}

type Failure = (err: unknown, attempts: number, lockTimeout: boolean) => unknown;

async function withRetry(db: Queryable, at: Where, part: number, t: StepTimeouts, listen: ApplyListener, run: () => Promise<void>, fail?: Failure): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const retryable = err instanceof StatementError && err.sqlState !== null && RETRYABLE.has(err.sqlState);
      if (!retryable || attempt > t.lockRetries) throw fail ? fail(err, attempt, retryable) : stepFailure(err, db, attempt, retryable);
      const delayMs = t.backoffMs * 2 ** (attempt - 1);
      await listen({ type: 'retry', at, part, attempt, delayMs });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

function stepFailure(err: unknown, db: Queryable, attempts: number, lockTimeout: boolean): unknown {
  if (err instanceof BatchStalledError) return stalledFailure(err, db);
  if (!(err instanceof StatementError)) return err;
  const what = lockTimeout
    ? `could not get its lock after ${attempts} attempt(s) (${err.reason}): the application holds locks on the same objects; run apply again at a quieter time, or raise "lockTimeout" / "lockRetries" in the config`
    : `failed: ${err.reason}`;
  return runtimeError(
    `${err.where}:${err.line} on ${db.displayName}: the step ${what}. The transaction of that step was rolled back; every earlier step is applied and recorded in pgtide.migrations, so "pgtide apply" continues from this step once the cause is fixed.`,
    err,
  );
}

/**
 * A batch that stopped making progress. Its earlier runs committed (each is its own transaction)
 * and are kept; the step stays recorded as started, so the next run repeats the batch from there.
 */
function stalledFailure(err: BatchStalledError, db: Queryable): unknown {
  const { table, pending } = err.stall.shape;
  return runtimeError(
    `${err.where}:${err.line} on ${db.displayName}: ${err.reason}. The rows filled by earlier batches are committed and kept; this phase is not recorded as done, and every earlier phase stays applied. List the rows with SELECT * FROM ${table} WHERE ${pending}; give them data for which the expression yields a value (or change them by hand), then run "pgtide apply" again: it continues with this step.`,
    err,
  );
}

/** A statement of a rollback or drift replay failed on a live database: exit 3, naming the line. */
export function runtimeFailure(err: unknown, db: Queryable, what: string): unknown {
  if (!(err instanceof StatementError)) return err;
  return runtimeError(`${err.where}:${err.line} on ${db.displayName}: ${err.reason}. ${what}`, err);
}

async function inTransaction(db: Queryable, fn: () => Promise<void>): Promise<void> {
  await db.exec('BEGIN');
  try {
    await fn();
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
