import type { ObjectId } from './base.js';

/** A function or procedure; overloads are told apart by their argument types (`args`). */
export interface Routine {
  readonly kind: 'function';
  readonly schema: string;
  readonly name: string;
  /** The argument types that identify it, as pg_get_function_identity_arguments prints them. */
  readonly args: string;
  /**
   * The argument types alone (proargtypes: input arguments, and a procedure's OUT arguments), by which
   * CREATE OR REPLACE finds the routine it replaces: two routines with these equal and other `args`
   * (argument names or modes) are one routine to the server.
   */
  readonly argTypes: string;
  readonly procedure: boolean;
  /** Arguments with names and defaults (pg_get_function_arguments): OR REPLACE cannot change them. */
  readonly signature: string;
  /** The result type (pg_get_function_result); null for a procedure. */
  readonly returns: string | null;
  /** The whole CREATE OR REPLACE statement as pg_get_functiondef prints it. */
  readonly definition: string;
  readonly comment: string | null;
  /** Ids of what its body reads when the server tracks it (SQL-standard bodies). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
