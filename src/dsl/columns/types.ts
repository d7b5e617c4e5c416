import type { Location } from '../location.js';

/** Families decide which modifiers make sense (identity, collation) and how literals are encoded. */
export type TypeFamily =
  | 'integer'
  | 'numeric'
  | 'float'
  | 'text'
  | 'boolean'
  | 'uuid'
  | 'bytea'
  | 'json'
  | 'temporal'
  | 'network'
  | 'enum'
  | 'custom';

/** An enum type as declared (`enumType()` in enum.ts builds it). */
export interface EnumTypeDef {
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
  comment: string | null;
  renamedFrom: string | null;
  readonly location: Location | null;
}

export interface ColumnType {
  readonly family: TypeFamily;
  /** The element type as format_type prints it; arrays add `[]` when the column is built. */
  readonly name: string;
  /** Set for enum columns: the enum is reached through the column and compiled with it. */
  readonly enum?: EnumTypeDef;
}

/** Types whose values carry a collation; a COLLATE clause on anything else is rejected. */
export const COLLATABLE: Readonly<Record<TypeFamily, boolean>> = {
  integer: false,
  numeric: false,
  float: false,
  text: true,
  boolean: false,
  uuid: false,
  bytea: false,
  json: false,
  temporal: false,
  network: false,
  enum: false,
  custom: true,
};

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
