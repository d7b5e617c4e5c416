import type { ObjectId } from './base.js';

/** A function or operator an aggregate names, by schema and name (pg_catalog's included). */
export interface AggregatePart {
  readonly schema: string;
  readonly name: string;
}

/**
 * What the final function may do to the transition state (FINALFUNC_MODIFY / MFINALFUNC_MODIFY):
 * pg_aggregate's aggfinalmodify 'r', 's', 'w'.
 */
export type FinalModify = 'read-only' | 'shareable' | 'read-write';

/** pg_aggregate's aggkind: 'n' a plain aggregate, 'o' ordered-set, 'h' hypothetical-set. */
export type AggregateKind = 'normal' | 'ordered-set' | 'hypothetical';

/**
 * An aggregate (CREATE AGGREGATE), pg_proc's prokind 'a' with its pg_aggregate row. Like a function,
 * it is told apart from its overloads by its argument types (`args`); CREATE OR REPLACE AGGREGATE
 * changes everything but its arguments, result type and kind in place. Strictness and volatility
 * come from its transition function and are not its own.
 */
export interface Aggregate {
  readonly kind: 'aggregate';
  readonly schema: string;
  readonly name: string;
  /** The identity arguments as pg_get_function_identity_arguments prints them (`x text`, `float8 ORDER BY anyelement`). */
  readonly args: string;
  /** The argument types alone (proargtypes, direct and aggregated), by which the server finds it. */
  readonly argTypes: string;
  /** The arguments as CREATE AGGREGATE takes them (pg_get_function_arguments); '' for `(*)`. */
  readonly signature: string;
  readonly aggKind: AggregateKind;
  /** The result type (pg_get_function_result): the final function's, or the state type. */
  readonly returns: string;
  readonly sfunc: AggregatePart;
  /** The state type, as format_type prints it. */
  readonly stype: string;
  /** SSPACE, the state's average size in bytes; 0 when not given. */
  readonly sspace: number;
  readonly finalfunc: AggregatePart | null;
  readonly finalfuncExtra: boolean;
  readonly finalfuncModify: FinalModify;
  readonly combinefunc: AggregatePart | null;
  readonly serialfunc: AggregatePart | null;
  readonly deserialfunc: AggregatePart | null;
  readonly initcond: string | null;
  /** The moving-aggregate implementation (for window frames that move): all null/0/false when there is none. */
  readonly msfunc: AggregatePart | null;
  readonly minvfunc: AggregatePart | null;
  readonly mstype: string | null;
  readonly msspace: number;
  readonly mfinalfunc: AggregatePart | null;
  readonly mfinalfuncExtra: boolean;
  readonly mfinalfuncModify: FinalModify;
  readonly minitcond: string | null;
  /** SORTOP: the operator MIN/MAX-like aggregates are optimized with. */
  readonly sortop: AggregatePart | null;
  readonly parallel: 'safe' | 'restricted' | 'unsafe';
  readonly comment: string | null;
  /** Ids of the functions it calls and relations whose row type it uses (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
