import { DATE_TEXT, NUMERIC_TEXT, T, type TypeSpec } from './types.js';

/** The shapes a changing column is tried in, each on a table of its own (see type-matrix.test.ts). */
export const VARIATIONS = ['rows', 'empty', 'not null and default', 'index', 'foreign keys', 'key to it', 'key from it', 'view'] as const;
export type Variation = (typeof VARIATIONS)[number];

export interface Pair {
  readonly from: TypeSpec;
  readonly to: TypeSpec;
  /** Source values, when the source type's own would not convert (text that reads as a number). */
  readonly values?: readonly string[];
  /**
   * Where pgtide converts otherwise than a cast, by design: the USING expression (over `col`) the
   * oracle runs instead of col::type. A scalar becomes a one-element array of it (resolve/type-change.ts
   * castForm), where PostgreSQL has no cast (integer) or would parse the text as an array literal.
   */
  readonly oracleUsing?: string;
  /** Variations besides 'rows' and 'empty', which every converting pair is tried in. */
  readonly also?: readonly Variation[];
}

/** A scalar into a one-element array; NULL stays NULL. */
const INTO_ARRAY = 'CASE WHEN col IS NULL THEN NULL ELSE ARRAY[col] END';

const p = (from: TypeSpec, to: TypeSpec, opts: Omit<Pair, 'from' | 'to'> = {}): Pair => ({ from, to, ...opts });
const EVERY: readonly Variation[] = ['not null and default', 'index', 'foreign keys', 'view'];
/** Where the other side of the key keeps its type: only types with an equality operator between them. */
const KEYED: readonly Variation[] = [...EVERY, 'key to it', 'key from it'];
const NO_KEY: readonly Variation[] = ['not null and default', 'index', 'view'];
const NO_INDEX: readonly Variation[] = ['not null and default', 'view'];

/**
 * The pairs whose values convert (PostgreSQL's ALTER … TYPE succeeds on them, with USING col::type
 * where it asks for one): a
 * covering design, not the cross product. Every type is a source and a target at least once; every
 * kind of change is there (binary-compatible, widening rewrite, narrowing, between families, through
 * text, into and out of arrays, enums and domains, serials, identities, time zones); and a
 * representative of each kind is tried with every variation (`also`).
 */
export const PAIRS: readonly Pair[] = [
  // integers, serials and identities
  p(T.smallint, T.integer, { also: KEYED }),
  p(T.integer, T.bigint, { also: KEYED }),
  p(T.bigint, T.integer, { values: ['1', '-7', '300'], also: KEYED }),
  p(T.integer, T.smallint, { also: NO_KEY }),
  p(T.serial, T.bigserial, { also: ['index', 'foreign keys', 'key to it', 'view'] }),
  p(T.bigserial, T.serial),
  p(T.serial, T.smallserial),
  p(T.identity, T.bigIdentity, { also: ['index', 'foreign keys', 'key to it', 'view'] }),
  p(T.smallint, T.bigint),
  p(T.bigint, T.text),
  p(T.text, T.bigint, { values: NUMERIC_TEXT }),
  p(T.bigIdentity, T.identity),
  // exact and floating numbers
  p(T.integer, T.numeric102, { also: NO_KEY }),
  p(T.integer, T.numeric),
  p(T.numeric102, T.integer, { also: NO_KEY }),
  p(T.numeric102, T.numeric122, { also: KEYED }),
  p(T.numeric102, T.numeric124),
  p(T.numeric124, T.numeric102, { also: NO_KEY }),
  p(T.numeric, T.numeric102),
  p(T.numeric102, T.numeric),
  p(T.real, T.double, { also: NO_KEY }),
  p(T.double, T.real),
  p(T.integer, T.double),
  p(T.double, T.integer),
  p(T.double, T.numeric102),
  p(T.numeric, T.real),
  p(T.real, T.numeric),
  // strings
  p(T.integer, T.text, { also: EVERY }),
  p(T.text, T.integer, { values: NUMERIC_TEXT, also: NO_KEY }),
  p(T.varchar10, T.varchar20, { also: KEYED }),
  p(T.varchar20, T.varchar10, { values: ["'alpha'", "'b'", "'ten chars!'"], also: NO_KEY }),
  p(T.varchar10, T.text, { also: KEYED }),
  p(T.text, T.varchar10, { values: ["'alpha'", "'b'", "'gamma'"], also: KEYED }),
  p(T.char5, T.varchar10, { also: NO_KEY }),
  p(T.varchar10, T.char5, { values: ["'alpha'", "'b'", "'gam'"] }),
  p(T.char5, T.text),
  p(T.text, T.char5, { values: ["'alpha'", "'b'", "'gam'"] }),
  // date and time
  p(T.timestamp, T.timestamptz, { also: NO_KEY }),
  p(T.timestamptz, T.timestamp, { also: NO_KEY }),
  p(T.timestamp3, T.timestamp),
  p(T.timestamp, T.timestamp3, { also: NO_KEY }),
  p(T.timestamptz, T.timestamptz3),
  p(T.timestamptz3, T.timestamp),
  p(T.timestamp, T.date, { also: NO_KEY }),
  p(T.date, T.timestamp),
  p(T.date, T.timestamptz),
  p(T.timestamptz, T.date),
  p(T.time, T.timetz),
  p(T.timetz, T.time),
  p(T.time, T.text),
  p(T.text, T.date, { values: DATE_TEXT }),
  p(T.timestamptz, T.text),
  p(T.timestamptz, T.timetz),
  p(T.timestamp, T.time),
  p(T.date, T.text),
  p(T.timetz, T.text),
  // json and uuid
  p(T.json, T.jsonb, { also: NO_INDEX }),
  p(T.jsonb, T.json, { also: NO_INDEX }),
  p(T.text, T.jsonb, { values: [`'{"a": 1}'`, "'[1, 2]'", `'"x"'`] }),
  p(T.jsonb, T.text),
  p(T.json, T.text),
  p(T.text, T.json, { values: [`'{"a": 1}'`, "'[1, 2]'", `'"x"'`] }),
  p(T.uuid, T.text, { also: EVERY }),
  p(T.text, T.uuid, { values: T.uuid.values, also: NO_KEY }),
  // arrays
  p(T.intArray, T.bigintArray, { also: NO_KEY }),
  p(T.bigintArray, T.intArray),
  p(T.textArray, T.varcharArray),
  p(T.integer, T.intArray, { oracleUsing: INTO_ARRAY }),
  p(T.text, T.textArray, { oracleUsing: INTO_ARRAY }),
  p(T.intArray, T.text),
  p(T.varcharArray, T.textArray),
  p(T.uuidArray, T.textArray),
  p(T.textArray, T.moodArray, { values: ["'{sad,ok}'", "'{}'", "'{happy}'"] }),
  p(T.moodArray, T.textArray),
  p(T.intArray, T.posintArray, { values: ["'{1,2}'", "'{}'", "'{300}'"] }),
  // enums and domains
  p(T.text, T.mood, { values: T.mood.values, also: NO_KEY }),
  p(T.mood, T.text, { also: NO_KEY }),
  p(T.integer, T.posint, { values: ['1', '7', '300'], also: NO_KEY }),
  p(T.posint, T.integer),
  p(T.posint, T.bigint),
  p(T.text, T.code, { values: T.code.values }),
  p(T.code, T.text),
  p(T.mood, T.feeling, { also: NO_KEY }),
  p(T.feeling, T.mood),
  p(T.text, T.feeling, { values: T.feeling.values }),
  p(T.posint, T.code, { also: NO_KEY }),
  p(T.code, T.mood, { values: T.mood.values }),
  p(T.mood, T.code),
];

/**
 * Pairs whose values do not convert: PostgreSQL's own ALTER fails on them (as an assignment: a
 * string too long fails rather than being cut), so the migration must fail loudly and leave the
 * values as they were, never lose them.
 */
export const FAILING: readonly Pair[] = [
  p(T.uuid, T.integer),
  p(T.text, T.integer),
  p(T.date, T.integer),
  p(T.jsonb, T.integer),
  p(T.bigint, T.smallint, { values: ['1', '70000'] }),
  p(T.numeric, T.numeric102, { values: ['1.5', '123456789.5'] }),
  p(T.text, T.mood),
  p(T.integer, T.posint, { values: ['1', '-7'] }),
  p(T.intArray, T.integer),
  p(T.time, T.date),
  p(T.varchar20, T.varchar10, { values: ["'alpha'", "'a longer value'"] }),
  p(T.text, T.char5, { values: ["'alpha'", "'longer'"] }),
  p(T.textArray, T.varcharArray, { values: ["'{a,\"a longer value\"}'"] }),
];

/** The source values of a pair's column. */
export function valuesOf(pair: Pair): readonly string[] {
  return pair.values ?? pair.from.values;
}
