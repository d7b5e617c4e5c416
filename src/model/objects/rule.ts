import type { ObjectId } from './base.js';
import type { TriggerState } from './trigger.js';

/** A rewrite rule (CREATE RULE) on a table or view; a view's own `_RETURN` rule is the view. */
export interface Rule {
  readonly kind: 'rule';
  /** The schema of the table or view it is on. */
  readonly schema: string;
  /** The table or view it is on. */
  readonly table: string;
  readonly name: string;
  /** The CREATE RULE statement as pg_get_ruledef prints it, without its closing semicolon. */
  readonly definition: string;
  /** ENABLE (origin), DISABLE, ENABLE REPLICA, ENABLE ALWAYS: pg_rewrite.ev_enabled. */
  readonly enabled: TriggerState;
  readonly comment: string | null;
  /** Its table or view and what its condition and actions read (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
