/** One attribute of a composite type, in the type's order (a row value is positional). */
export interface CompositeAttribute {
  readonly name: string;
  /** format_type of the attribute's type. */
  readonly type: string;
  /** Its collation when it is not the type's default, as domains and columns hold it. */
  readonly collation: string | null;
  readonly comment: string | null;
}

/**
 * A standalone composite type (`CREATE TYPE … AS (…)`). A table's, view's or sequence's own row type
 * is part of that relation and never one of these.
 */
export interface CompositeType {
  readonly kind: 'composite-type';
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly CompositeAttribute[];
  readonly comment: string | null;
}
