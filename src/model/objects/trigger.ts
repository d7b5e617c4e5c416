import type { ObjectId } from './base.js';

export type TriggerState = 'origin' | 'disabled' | 'replica' | 'always';

export interface Trigger {
  readonly kind: 'trigger';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** The CREATE [CONSTRAINT] TRIGGER statement as pg_get_triggerdef prints it. */
  readonly definition: string;
  /** ENABLE (origin), DISABLE, ENABLE REPLICA, ENABLE ALWAYS. */
  readonly enabled: TriggerState;
  readonly comment: string | null;
  /** Its table and function ids. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
