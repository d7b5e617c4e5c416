import { requireName, requireText } from './name-check.js';
import { ColumnBuilder } from './columns/builder.js';
import { captureLocation } from './location.js';
import type { EnumTypeDef } from './columns/types.js';

export const ENUM: unique symbol = Symbol.for('pgtide.enum');

/**
 * An enum type is also the factory of its columns, as in drizzle: `status: postStatus().notNull()`.
 * Using it in a column is enough for it to be created; exporting it is optional.
 */
export interface PgEnum<V extends string> {
  (): ColumnBuilder<V, 'enum'>;
  readonly [ENUM]: EnumTypeDef;
  readonly enumName: string;
  readonly enumSchema: string;
  readonly values: readonly V[];
  comment(text: string): PgEnum<V>;
  renamedFrom(previous: string): PgEnum<V>;
}

export function enumTypeIn<const V extends readonly string[]>(schema: string, name: string, values: V): PgEnum<V[number]> {
  requireName('enum name', name);
  values.forEach((label, i) => requireName(`label ${i + 1} of enum ${schema}.${name}`, label));
  const def: EnumTypeDef = {
    schema,
    name,
    values: Object.freeze([...values]),
    comment: null,
    renamedFrom: null,
    location: captureLocation(),
  };
  const column = (): ColumnBuilder<V[number], 'enum'> =>
    new ColumnBuilder({ family: 'enum', name: `${schema}.${name}`, enum: def });
  const self: PgEnum<V[number]> = Object.assign(column, {
    [ENUM]: def,
    enumName: name,
    enumSchema: schema,
    values: def.values as readonly V[number][],
    comment(text: string) {
      def.comment = requireText(`comment of enum ${schema}.${name}`, text);
      return self;
    },
    renamedFrom(previous: string) {
      def.renamedFrom = requireName(`previous name of enum ${schema}.${name} in renamedFrom()`, previous);
      return self;
    },
  });
  return self;
}

/** `enumType('post_status', ['draft', 'published'])` in schema public; see `schema()` for others. */
export function enumType<const V extends readonly string[]>(name: string, values: V): PgEnum<V[number]> {
  return enumTypeIn('public', name, values);
}

export function isEnumType(value: unknown): value is PgEnum<string> {
  return typeof value === 'function' && ENUM in value;
}
