import type { Hints, ObjectId } from './base.js';

export interface EnumType extends Hints {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly comment: string | null;
}

/** A domain: a base type with a default, NOT NULL and named CHECK constraints. */
export interface Domain {
  readonly kind: 'domain';
  readonly schema: string;
  readonly name: string;
  /** format_type of the base type. */
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly collation: string | null;
  /** CHECK constraints by name, expressions as the server prints them (`CHECK (VALUE > 0)`), sorted by name. */
  readonly checks: readonly { readonly name: string; readonly definition: string }[];
  readonly comment: string | null;
  /** Functions its default and checks call (pg_depend), so that they exist first. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
