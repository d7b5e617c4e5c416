import { classifyTypeChange, parseType, type ParsedType } from '../resolve/type-change.js';

/**
 * Type rules for changes that narrow a column: which cast keeps PostgreSQL's store-assignment
 * semantics, and which type pairs have values the old type accepts and the new one rejects.
 */

/**
 * An explicit cast to a length-bounded string or bit type cuts (or pads) the value to the length:
 * 'abcdefgh'::varchar(5) is 'abcde'. Storing the same value into a varchar(5) column raises
 * instead, and ALTER COLUMN … TYPE without USING converts as such an assignment does. Casting to the
 * unbounded type leaves the length to the assignment that stores the value (UPDATE … SET, INSERT,
 * a PL/pgSQL assignment to NEW, ALTER … USING), which then raises on a value that does not fit.
 * `character` and `bit` without a length mean length 1, hence bpchar and bit varying (which is
 * cast back to bit implicitly). The other type modifiers (numeric, timestamp, time, interval) round
 * alike in both contexts and raise alike on overflow, so those casts keep them.
 */
const UNBOUNDED: Readonly<Record<string, string>> = {
  'character varying': 'character varying',
  character: 'bpchar',
  bit: 'bit varying',
  'bit varying': 'bit varying',
};

/** The type a default conversion casts to explicitly, so that storing into `type` checks its length. */
export function assignmentCastType(type: string): string {
  const unbounded = UNBOUNDED[parseType(type).base];
  if (unbounded === undefined) return type;
  return `${unbounded}${/(\[\])+$/.exec(type)?.[0] ?? ''}`;
}

const INTEGERS: ReadonlySet<string> = new Set(['smallint', 'integer', 'bigint']);
/** Digits before the decimal point the largest value of an integer type has. */
const INTEGER_DIGITS: Readonly<Record<string, number>> = { smallint: 5, integer: 10, bigint: 19 };
/** Characters of the longest text form of an integer type, sign included. */
const INTEGER_WIDTH: Readonly<Record<string, number>> = { smallint: 6, integer: 11, bigint: 20 };
const STRINGS: ReadonlySet<string> = new Set(['text', 'character varying', 'character']);
/**
 * Precision of these only rounds (to fewer fractional digits of a second), and these pairs only
 * drop a part of the value (a time zone, a time of day): no value is rejected. (Rounding the very
 * last microsecond of year 294276 up overflows; no real data is there.)
 */
const TEMPORAL_PRECISION: ReadonlySet<string> = new Set([
  'timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone', 'interval',
]);
const TEMPORAL_TOTAL: ReadonlySet<string> = new Set([
  'timestamp with time zone>timestamp without time zone', 'timestamp with time zone>date', 'timestamp without time zone>date',
  'timestamp with time zone>time without time zone', 'timestamp without time zone>time without time zone',
  'time with time zone>time without time zone',
]);

/** Digits before the decimal point of numeric(p, s); null when unbounded. */
function numericDigits(t: ParsedType): number | null {
  if (t.mods === null) return null;
  const [p = 0, s = 0] = t.mods;
  return p - s;
}

/** Whether every value of `from` has a value in `to` (same array-ness; the default conversion). */
function total(from: ParsedType, to: ParsedType): boolean {
  if (from.base === 'numeric' && to.base === 'numeric') {
    const a = numericDigits(from);
    const b = numericDigits(to);
    if (b === null) return true;
    if (a === null) return false;
    // Rounding to fewer fractional digits can carry into one more integer digit (99.99 → 100.0).
    const roundsUp = (to.mods![1] ?? 0) < (from.mods![1] ?? 0);
    return b >= a + (roundsUp ? 1 : 0);
  }
  if (INTEGERS.has(from.base)) {
    if (to.base === 'numeric') return to.mods === null || numericDigits(to)! >= INTEGER_DIGITS[from.base]!;
    if (to.base === 'real' || to.base === 'double precision') return true;
    if (STRINGS.has(to.base)) return to.mods === null || to.mods[0]! >= INTEGER_WIDTH[from.base]!;
    return false;
  }
  if (STRINGS.has(from.base) && STRINGS.has(to.base)) {
    // A character(n) value is stored padded; its trailing spaces are dropped when it becomes text.
    if (to.mods === null && to.base !== 'character') return true;
    return from.base !== 'text' && from.mods !== null && to.mods !== null && to.mods[0]! >= from.mods[0]!;
  }
  if (TEMPORAL_PRECISION.has(from.base) && from.base === to.base) return true;
  return TEMPORAL_TOTAL.has(`${from.base}>${to.base}`);
}

/**
 * Whether the column's current type holds values its new type rejects, so that converting them
 * (the batched copy, and the sync trigger on every write of the running application) raises.
 * Judged from the types alone, conservatively: a pair not known to convert every value counts as
 * rejecting some. Changes that only round or drop part of a value are not rejections (they are
 * data loss, flagged as such).
 */
export function rejectsValues(fromType: string, toType: string): boolean {
  const cls = classifyTypeChange(fromType, toType);
  if (cls !== 'lossy') return false;
  const from = parseType(fromType);
  const to = parseType(toType);
  // A scalar becomes a one-element array of it; an array becomes a string by its text form.
  if (!from.array && to.array) return !total(from, { ...to, array: false });
  if (from.array && !to.array) return !(to.base === 'text' || (to.base === 'character varying' && to.mods === null));
  return !total(from, to);
}
