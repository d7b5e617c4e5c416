import { requireName, requireText } from './name-check.js';
import { enumTypeIn, type PgEnum } from './enum.js';
import { captureLocation, type Location } from './location.js';
import { sequenceIn, type SequenceInputOptions, type SequenceObject } from './sequence.js';
import { tableIn, type BoundColumns, type ColumnsShape, type PgTable } from './table.js';
import type { TableExtra } from './index-builder.js';

export const NAMESPACE: unique symbol = Symbol.for('pgtide.schema');

export interface NamespaceDef {
  readonly name: string;
  comment: string | null;
  readonly location: Location | null;
}

/** A PostgreSQL schema and the factories for objects inside it: `const app = schema('app')`. */
export interface Namespace {
  readonly [NAMESPACE]: NamespaceDef;
  readonly schemaName: string;
  table<C extends ColumnsShape>(
    name: string,
    columns: C,
    extras?: (t: BoundColumns<C>) => readonly TableExtra[],
  ): PgTable<C>;
  enumType<const V extends readonly string[]>(name: string, values: V): PgEnum<V[number]>;
  sequence(name: string, options?: SequenceInputOptions): SequenceObject;
  comment(text: string): Namespace;
}

export function schema(name: string): Namespace {
  requireName('schema name', name);
  const def: NamespaceDef = { name, comment: null, location: captureLocation() };
  const self: Namespace = {
    [NAMESPACE]: def,
    schemaName: name,
    table: (tableName, columns, extras) => tableIn(name, tableName, columns, extras),
    enumType: (enumName, values) => enumTypeIn(name, enumName, values),
    sequence: (sequenceName, options) => sequenceIn(name, sequenceName, options),
    comment(text: string) {
      def.comment = requireText(`comment of schema ${name}`, text);
      return self;
    },
  };
  return self;
}

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === 'object' && value !== null && NAMESPACE in value;
}
