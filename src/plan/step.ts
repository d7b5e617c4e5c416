import type { Change, RenameSuggestion } from '../diff/change.js';
import type { Op, QName } from './ops.js';
import type { TypeChangeWay } from '../resolve/type-change.js';

/**
 * The phases of a migration, in the order they run. This is the one list: migration files, apply's
 * `--phase`, replay, plan.json and the history table's CHECK are derived from it.
 */
export const PHASES = Object.freeze(['expand', 'migrate', 'contract'] as const);
export type Phase = (typeof PHASES)[number];

export type LockLevel =
  | 'none'
  | 'ACCESS SHARE'
  | 'ROW SHARE'
  | 'ROW EXCLUSIVE'
  | 'SHARE UPDATE EXCLUSIVE'
  | 'SHARE'
  | 'SHARE ROW EXCLUSIVE'
  | 'EXCLUSIVE'
  | 'ACCESS EXCLUSIVE';

export type HazardKind = 'data-loss' | 'rewrite' | 'blocking-lock' | 'breaking' | 'validation-scan' | 'non-transactional';
export type Risk = 'low' | 'medium' | 'high';

export interface Hazard {
  readonly kind: HazardKind;
  readonly risk: Risk;
  readonly reason: string;
}

/** Per-step session limits, in milliseconds (0 = no limit), as apply sets them with SET LOCAL. */
export interface StepTimeouts {
  /** How long the step may wait for its lock before giving up (and being retried with backoff). */
  readonly lockMs: number;
  /** How long the statement may run; longer for index builds and validation scans. */
  readonly statementMs: number;
}

export interface Step {
  readonly phase: Phase;
  readonly op: Op;
  readonly hazards: readonly Hazard[];
  /** Strongest lock the statement takes. */
  readonly lock: LockLevel;
  readonly rewrites: 'none' | 'scan' | 'rewrite';
  /** False for CONCURRENTLY and ALTER TYPE … ADD VALUE. */
  readonly transactional: boolean;
  /** Run repeatedly until it affects 0 rows; `table` is the one it works through (for progress). */
  readonly batch: { readonly size: number; readonly table: QName } | null;
  readonly timeouts: StepTimeouts;
  /** For down.sql; null when the step cannot be reversed. */
  readonly reverse: Op | null;
  readonly source: Change;
}

export interface Plan {
  readonly steps: readonly Step[];
  readonly suggestions: readonly RenameSuggestion[];
  /** How each column type change runs: in place (binary-compatible), a rewrite under ACCESS EXCLUSIVE, or a shadow column. */
  readonly typeChanges: readonly TypeChangeWay[];
}
