import type { ObjectId } from './base.js';

/**
 * A view or materialized view. The definition is compared as pg_get_viewdef prints it; dependsOn is
 * derived from it by the server (pg_depend through the view's rewrite rule) and only orders work.
 */
export interface View {
  readonly kind: 'view';
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  /** The SELECT as the server prints it, without a trailing semicolon. */
  readonly definition: string;
  /** Storage and view options (`security_barrier=true`, `check_option=local`), sorted. */
  readonly with: readonly string[];
  readonly comment: string | null;
  /**
   * Ids of what the definition reads: `table:`, `view:` and `column:` ids (and `function:` ids once
   * functions are modelled). Not compared: it follows from the definition.
   */
  readonly dependsOn: readonly ObjectId[];
}
