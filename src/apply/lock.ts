import type { Queryable } from '../db/queryable.js';
import { runtimeError } from '../errors.js';
import { formatMs } from '../util/duration.js';

/**
 * One session advisory lock serialises every pgtide process that changes a database (apply,
 * rollback). It is a session lock, so it is released if the process dies and its connection goes.
 * The two keys spell "pgtd" and 1 (the migration lock); they are constants, not user input.
 */
const LOCK_CLASS = 0x70677464;
const LOCK_OBJECT = 1;

export interface LockOptions {
  /** Give up after this long (exit 3). */
  readonly waitMs: number;
  /** Told once when the lock is busy, so a person knows why nothing happens. */
  readonly onWait?: (holder: number | null) => void;
  readonly pollMs?: number;
}

async function tryLock(db: Queryable): Promise<boolean> {
  const res = await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_CLASS, LOCK_OBJECT]);
  return res.rows[0]?.ok === true;
}

async function holderPid(db: Queryable): Promise<number | null> {
  const res = await db.query<{ pid: number }>(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND granted LIMIT 1",
    [LOCK_CLASS, LOCK_OBJECT],
  );
  return res.rows[0]?.pid ?? null;
}

/** Takes the migration lock, waiting (polling) up to opts.waitMs; returns the release function. */
export async function acquireMigrationLock(db: Queryable, opts: LockOptions): Promise<() => Promise<void>> {
  const started = Date.now();
  let told = false;
  const poll = opts.pollMs ?? 200;
  while (!(await tryLock(db))) {
    if (!told) {
      told = true;
      opts.onWait?.(await holderPid(db));
    }
    if (Date.now() - started >= opts.waitMs) {
      throw runtimeError(
        `Another pgtide process has held the migration lock on ${db.displayName} for more than ${formatMs(opts.waitMs)}; gave up waiting. Wait for it to finish (or end it), then run the command again; the config's "lockWaitTimeout" sets how long to wait.`,
      );
    }
    await new Promise((r) => setTimeout(r, poll));
  }
  return async () => {
    await db.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_OBJECT]).catch(() => undefined);
  };
}
