import type { OpKind } from './ops.js';
import type { Step, StepTimeouts } from './step.js';

/**
 * What the project configures about how steps run (schema.config.ts: lockTimeout, statementTimeout,
 * batchSize). Strategies read the batch size; timeouts are stamped on every step at the end.
 */
export interface PlanOptions {
  /** lock_timeout of every step, ms. A DDL that queues behind a long query blocks the app; give up early. */
  readonly lockTimeoutMs: number;
  /** statement_timeout of ordinary steps (and of each batch of a backfill), ms. */
  readonly statementTimeoutMs: number;
  /** statement_timeout of index builds and validation scans, which read the whole table, ms. */
  readonly longStatementTimeoutMs: number;
  /** Rows per batch of generated backfills. */
  readonly batchSize: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = Object.freeze({
  lockTimeoutMs: 3_000,
  statementTimeoutMs: 15 * 60_000,
  longStatementTimeoutMs: 4 * 60 * 60_000,
  batchSize: 1000,
});

/**
 * Ops that read every row of a table while holding only a weak lock: they get the long timeout.
 * ADD CONSTRAINT … USING INDEX is not among them: the index is built and NOT NULL is already
 * proven by then, so it is a catalog change, and it holds ACCESS EXCLUSIVE for as long as it runs.
 */
const LONG_RUNNING: ReadonlySet<OpKind> = new Set<OpKind>(['create-index', 'validate-constraint']);

/**
 * Steps that read or rewrite a whole table: their migration files carry their own statement
 * timeout, because the project's ordinary one would cancel them on a large table.
 */
export function isLongRunning(step: Pick<Step, 'op' | 'rewrites'>): boolean {
  return LONG_RUNNING.has(step.op.kind) || step.rewrites === 'rewrite';
}

export function timeoutsFor(step: Pick<Step, 'op' | 'rewrites'>, options: PlanOptions): StepTimeouts {
  const long = isLongRunning(step);
  return Object.freeze({
    lockMs: options.lockTimeoutMs,
    statementMs: long ? options.longStatementTimeoutMs : options.statementTimeoutMs,
  });
}

export function planOptions(partial: Partial<PlanOptions> | undefined): PlanOptions {
  return Object.freeze({ ...DEFAULT_PLAN_OPTIONS, ...(partial ?? {}) });
}
