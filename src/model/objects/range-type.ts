import type { ObjectId } from './base.js';

/**
 * A range type (CREATE TYPE … AS RANGE). The server makes, with it and for it alone, a multirange
 * type, an array type for each, and their constructor functions (pg_depend 'i'): they are part of
 * the range, never objects of their own, and go when it goes.
 */
export interface RangeType {
  readonly kind: 'range-type';
  readonly schema: string;
  readonly name: string;
  /** format_type of the subtype. */
  readonly subtype: string;
  /** The subtype's b-tree operator class, only when not the subtype's default; `schema.name` unless in pg_catalog. */
  readonly subtypeOpclass: string | null;
  /** Only when not the subtype's own collation; bare for pg_catalog, `schema.name` otherwise. */
  readonly collation: string | null;
  /** The canonical function; `schema.name` unless in pg_catalog. */
  readonly canonical: string | null;
  /** The subtype_diff function; `schema.name` unless in pg_catalog. */
  readonly subtypeDiff: string | null;
  /** The multirange type's name, only when not the one the server derives from the range's (defaultMultirangeName). */
  readonly multirangeName: string | null;
  readonly comment: string | null;
  /** Functions it calls and types it is over (pg_depend), so that they exist first. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
