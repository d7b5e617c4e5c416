import type { ObjectId } from './base.js';

export interface ViewColumnComment {
  readonly column: string;
  readonly comment: string;
}

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
  /** Comments on the view's columns, by column name; a column without one is not listed. */
  readonly columnComments: readonly ViewColumnComment[];
  /**
   * Ids of what the definition reads: `table:`, `view:` and `column:` ids (and `function:` ids once
   * functions are modelled). Not compared: it follows from the definition.
   */
  readonly dependsOn: readonly ObjectId[];
}

/** Column comments in the one order both sides compare in: by column name, in code point order. */
export function sortColumnComments(list: readonly ViewColumnComment[]): readonly ViewColumnComment[] {
  return [...list].sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
}
