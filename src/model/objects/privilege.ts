import type { ObjectId } from './base.js';

/** What a GRANT is on. Views and partitioned tables are granted ON TABLE. */
export type GrantTarget =
  | { readonly on: 'schema'; readonly name: string }
  | { readonly on: 'table' | 'view' | 'sequence'; readonly schema: string; readonly name: string }
  | { readonly on: 'column'; readonly schema: string; readonly table: string; readonly column: string }
  | { readonly on: 'function'; readonly schema: string; readonly name: string; readonly args: string }
  /**
   * An aggregate: `args` as its id spells them (`float8 ORDER BY float8`), `argTypes` as GRANT … ON
   * FUNCTION takes them (the argument types alone, pg_proc's proargtypes).
   */
  | { readonly on: 'aggregate'; readonly schema: string; readonly name: string; readonly args: string; readonly argTypes: string };

/**
 * The privileges one role (or `public`) holds on one object, other than its owner's. Objects whose
 * ACL was never changed read as their defaults (acldefault), e.g. EXECUTE on functions to public.
 * Roles are assumed to exist.
 */
export interface Privilege {
  readonly kind: 'privilege';
  readonly target: GrantTarget;
  readonly grantee: string;
  /** Privilege names as GRANT spells them (`SELECT`, `EXECUTE`, …), sorted. */
  readonly privileges: readonly string[];
  /** Those held WITH GRANT OPTION, sorted. */
  readonly grantable: readonly string[];
  /** The id of the object it is on. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
