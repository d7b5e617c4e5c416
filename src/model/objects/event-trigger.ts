import type { ObjectId } from './base.js';
import type { TriggerState } from './trigger.js';

/**
 * CREATE EVENT TRIGGER: an object of the whole database, with no schema of its own. It lives where
 * its function does (the config's `schemas` selects it by that schema). Its owner, a superuser, is
 * not compared, like every object's owner.
 */
export interface EventTrigger {
  readonly kind: 'event-trigger';
  readonly name: string;
  /** ddl_command_start, ddl_command_end, sql_drop, table_rewrite, login (PostgreSQL 17). */
  readonly event: string;
  /** WHEN TAG IN (…), as the server stores them (upper case), sorted; empty for every command. */
  readonly tags: readonly string[];
  /** The function it executes, which takes no arguments and returns event_trigger. */
  readonly function: { readonly schema: string; readonly name: string };
  /** ENABLE (origin), DISABLE, ENABLE REPLICA, ENABLE ALWAYS. */
  readonly enabled: TriggerState;
  readonly comment: string | null;
  /** Its function's id. Not compared (the function is). */
  readonly dependsOn: readonly ObjectId[];
}
