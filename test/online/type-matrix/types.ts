import {
  bigint, char, customType, date, doublePrecision, enumType, integer, json, jsonb, numeric, real, smallint, text, time, timestamp,
  timestamptz, timetz, uuid, varchar, type ColumnBuilder,
} from '../../../src/dsl/index.js';

/** A column builder of any type; the matrix never reads its data type. */
export type Builder = ColumnBuilder<unknown>;

/**
 * One column type of the matrix: how the before schema writes it, how the desired schema declares it,
 * and values it holds (SQL literals). Enums and domains exist on both sides, so that only the
 * column changes.
 */
export interface TypeSpec {
  /** The name in the documentation and in test titles. */
  readonly name: string;
  /** In CREATE TABLE. */
  readonly sql: string;
  /** In ALTER COLUMN … TYPE and casts (a serial's integer type, an identity's): sql when not given. */
  readonly type?: string;
  readonly dsl: () => Builder;
  /** SQL literals; an empty list for a column whose values come from its default (serial, identity). */
  readonly values: readonly string[];
  /** Whether a btree index can be built on it. */
  readonly btree: boolean;
  /** A serial's sequence, of this AS type, OWNED BY the column and named by its default. */
  readonly serial?: 'smallint' | 'integer' | 'bigint';
  /** The column without its identity, as a table that refers to it has it. */
  readonly plain?: () => Builder;
}

export const mood = enumType('mood', ['sad', 'ok', 'happy']);

/** The enum and domains both sides have. */
export const SHARED_TYPES_SQL = `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN code AS text CHECK (VALUE <> '');
CREATE DOMAIN feeling AS mood CHECK (VALUE <> 'sad' OR true);`;

export const DOMAINS_SQL = `CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN code AS text CHECK (VALUE <> '');
CREATE DOMAIN feeling AS mood CHECK (VALUE <> 'sad' OR true);`;

const INTS = ['1', '-7', '300'];
const DECIMALS = ['1.25', '-7.5', '300.125'];
const spec = (name: string, sql: string, dsl: () => Builder, values: readonly string[], btree = true): TypeSpec =>
  ({ name, sql, dsl, values, btree });

export const T = {
  smallint: spec('smallint', 'smallint', smallint, INTS),
  integer: spec('integer', 'integer', integer, INTS),
  bigint: spec('bigint', 'bigint', bigint, ['1', '-7', '3000000000']),
  numeric102: spec('numeric(10,2)', 'numeric(10,2)', () => numeric(10, 2), DECIMALS),
  numeric122: spec('numeric(12,2)', 'numeric(12,2)', () => numeric(12, 2), DECIMALS),
  numeric124: spec('numeric(12,4)', 'numeric(12,4)', () => numeric(12, 4), ['1.2345', '-7.5', '300.125']),
  numeric: spec('numeric', 'numeric', () => numeric(), ['1.2345', '-7.5', '300.125']),
  real: spec('real', 'real', real, ['1.5', '-7.25', '300.125']),
  double: spec('double precision', 'double precision', doublePrecision, ['1.5', '-7.25', '0.1']),
  text: spec('text', 'text', text, ["'alpha'", "'b'", "'  gamma  '"]),
  varchar10: spec('varchar(10)', 'varchar(10)', () => varchar(10), ["'alpha'", "'b'", "'gamma  '"]),
  varchar20: spec('varchar(20)', 'varchar(20)', () => varchar(20), ["'alpha'", "'b'", "'a longer value'"]),
  char5: spec('char(5)', 'char(5)', () => char(5), ["'alpha'", "'b'", "'gam'"]),
  timestamp: spec('timestamp', 'timestamp', () => timestamp(), ["'2024-06-01 12:34:56.789123'", "'1999-12-31 23:59:59'", "'2024-01-01'"]),
  timestamp3: spec('timestamp(3)', 'timestamp(3)', () => timestamp(3), ["'2024-06-01 12:34:56.789'", "'1999-12-31 23:59:59'", "'2024-01-01'"]),
  timestamptz: spec('timestamptz', 'timestamptz', () => timestamptz(),
    ["'2024-06-01 12:34:56.789123+00'", "'1999-12-31 23:59:59-05'", "'2024-01-01 00:00:00+09'"]),
  timestamptz3: spec('timestamptz(3)', 'timestamptz(3)', () => timestamptz(3),
    ["'2024-06-01 12:34:56.789+00'", "'1999-12-31 23:59:59-05'", "'2024-01-01 00:00:00+09'"]),
  date: spec('date', 'date', date, ["'2024-06-01'", "'1999-12-31'", "'2024-02-29'"]),
  time: spec('time', 'time', () => time(), ["'12:34:56.789'", "'00:00:00'", "'23:59:59'"]),
  timetz: spec('timetz', 'timetz', () => timetz(), ["'12:34:56+02'", "'00:00:00+00'", "'23:59:59-05'"]),
  json: spec('json', 'json', json, [`'{"b": 1, "a": [1, 2]}'`, "'[1, 2]'", `'"x"'`], false),
  jsonb: spec('jsonb', 'jsonb', jsonb, [`'{"b": 1, "a": [1, 2]}'`, "'[1, 2]'", `'"x"'`]),
  uuid: spec('uuid', 'uuid', uuid, ["'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"]),
  intArray: spec('integer[]', 'integer[]', () => integer().array(), ["'{1,2,3}'", "'{}'", "'{-7,NULL}'"]),
  bigintArray: spec('bigint[]', 'bigint[]', () => bigint().array(), ["'{1,2,3}'", "'{}'", "'{-7,NULL}'"]),
  textArray: spec('text[]', 'text[]', () => text().array(), [`'{a,"b c"}'`, "'{}'", "'{x}'"]),
  varcharArray: spec('varchar(10)[]', 'varchar(10)[]', () => varchar(10).array(), [`'{a,"b c"}'`, "'{}'", "'{x}'"]),
  moodArray: spec('enum mood[]', 'mood[]', () => mood().array(), ["'{sad,ok}'", "'{}'", "'{happy}'"]),
  uuidArray: spec('uuid[]', 'uuid[]', () => uuid().array(), ["'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'", "'{}'", "'{00000000-0000-0000-0000-000000000000,NULL}'"]),
  mood: spec('enum mood', 'mood', () => mood(), ["'sad'", "'ok'", "'happy'"]),
  posint: spec('domain posint (integer)', 'posint', () => customType('posint'), ['1', '7', '300']),
  code: spec('domain code (text)', 'code', () => customType('code'), ["'alpha'", "'b'", "'gamma'"]),
  feeling: spec('domain feeling (enum mood)', 'feeling', () => customType('feeling'), ["'sad'", "'ok'", "'happy'"]),
  posintArray: spec('domain posint[]', 'posint[]', () => customType('posint').array(), ["'{1,2}'", "'{}'", "'{300}'"]),
  serial: { ...spec('serial', 'serial', integer, []), type: 'integer', serial: 'integer' },
  bigserial: { ...spec('bigserial', 'bigserial', bigint, []), type: 'bigint', serial: 'bigint' },
  smallserial: { ...spec('smallserial', 'smallserial', smallint, []), type: 'smallint', serial: 'smallint' },
  identity: { ...spec('integer identity', 'integer GENERATED BY DEFAULT AS IDENTITY', () => integer().identity('by-default'), []), type: 'integer', plain: integer },
  bigIdentity: { ...spec('bigint identity', 'bigint GENERATED BY DEFAULT AS IDENTITY', () => bigint().identity('by-default'), []), type: 'bigint', plain: bigint },
} as const satisfies Record<string, TypeSpec>;

/** Values of a source type that convert to the target (text that parses as a number, a label of the enum…). */
export const NUMERIC_TEXT = ["'12'", "'-7'", "' 300 '"];
export const DATE_TEXT = ["'2024-06-01'", "'1999-12-31'", "'2024-02-29'"];

/** The type a column of the spec has, as ALTER COLUMN … TYPE and a cast write it. */
export function typeOf(spec: TypeSpec): string {
  return spec.type ?? spec.sql;
}
