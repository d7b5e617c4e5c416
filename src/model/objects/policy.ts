import type { ObjectId } from './base.js';

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

/** A row-level security policy. */
export interface Policy {
  readonly kind: 'policy';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** PERMISSIVE (true) or RESTRICTIVE. */
  readonly permissive: boolean;
  readonly command: PolicyCommand;
  /** Role names, sorted; `public` for PUBLIC. */
  readonly roles: readonly string[];
  /** USING expression as the server prints it. */
  readonly usingExpression: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
  /** Columns and functions its expressions read (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
