import { SchemaError } from '../errors.js';
import { captureLocation } from '../location.js';
import { ColumnBuilder } from './builder.js';
import type { JsonValue } from './types.js';

export function boolean(): ColumnBuilder<boolean, 'boolean'> {
  return new ColumnBuilder({ family: 'boolean', name: 'boolean' });
}

export function uuid(): ColumnBuilder<string, 'uuid'> {
  return new ColumnBuilder({ family: 'uuid', name: 'uuid' });
}

/** Literal defaults are bytea input text, e.g. `\\xdeadbeef`. */
export function bytea(): ColumnBuilder<string, 'bytea'> {
  return new ColumnBuilder({ family: 'bytea', name: 'bytea' });
}

/** Literal defaults are any JSON value and are stored as its JSON text. */
export function json<T extends JsonValue = JsonValue>(): ColumnBuilder<T, 'json'> {
  return new ColumnBuilder({ family: 'json', name: 'json' });
}

export function jsonb<T extends JsonValue = JsonValue>(): ColumnBuilder<T, 'json'> {
  return new ColumnBuilder({ family: 'json', name: 'jsonb' });
}

export function inet(): ColumnBuilder<string, 'network'> {
  return new ColumnBuilder({ family: 'network', name: 'inet' });
}

export function cidr(): ColumnBuilder<string, 'network'> {
  return new ColumnBuilder({ family: 'network', name: 'cidr' });
}

export function macaddr(): ColumnBuilder<string, 'network'> {
  return new ColumnBuilder({ family: 'network', name: 'macaddr' });
}

// `name`, `schema.name`, optional `(modifiers)`; quoting is not the DSL's business, so names that
// would need quotes are rejected rather than guessed at.
const TYPE_NAME = /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?( ?\([0-9, ]+\))?$/;

/** Escape hatch for types without a builder, e.g. `customType('ltree')` or `customType('public.citext')`. */
export function customType<T = string>(name: string): ColumnBuilder<T, 'custom'> {
  const trimmed = name.trim();
  if (!TYPE_NAME.test(trimmed)) {
    const where = captureLocation() ?? { file: '<unknown>' };
    throw new SchemaError(
      where,
      name,
      `customType('${name}') is not a type name pgtide understands; use a lowercase, optionally schema-qualified name such as 'ltree' or 'public.citext', and .array() for arrays.`,
    );
  }
  return new ColumnBuilder({ family: 'custom', name: trimmed });
}
