import { usageError } from '../errors.js';

/**
 * How a column type change treats existing values, judged from server-printed type names:
 * - 'binary': no rewrite, nothing lost (varchar(n) → varchar(m ≥ n) or text, numeric precision up);
 * - 'widening': the table is rewritten but every value fits (integer → bigint, anything → text);
 * - 'lossy': values may not fit or may change; destructive, so it belongs to the contract phase.
 */
export type TypeChangeClass = 'same' | 'binary' | 'widening' | 'lossy';

/**
 * How the plan changes a column's type: in place with no rewrite (binary-compatible), a rewrite of
 * the table under ACCESS EXCLUSIVE (ALTER COLUMN … TYPE), or online through a shadow column (added in
 * expand, filled by a trigger and a batched copy, swapped in during contract).
 */
export type TypeChangeMethod = 'in-place' | 'rewrite' | 'shadow';

/** The way one column's type change runs, as the plan names it (`Plan.typeChanges`). */
export interface TypeChangeWay {
  /** The column, by its desired table and name. */
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  /** Server-printed types. */
  readonly from: string;
  readonly to: string;
  readonly class: TypeChangeClass;
  readonly method: TypeChangeMethod;
  /** For a rewrite of a change that would otherwise go online: what kept it from the shadow column. */
  readonly why: string | null;
}

export interface ParsedType {
  readonly base: string;
  readonly mods: readonly number[] | null;
  readonly array: boolean;
}

/** A server-printed type name split into its base name, type modifiers and array-ness. */
export function parseType(type: string): ParsedType {
  const array = type.endsWith('[]');
  const bare = array ? type.replace(/(\[\])+$/, '') : type;
  const m = /^([^(]*)\(([\d,\s]+)\)(.*)$/.exec(bare);
  if (!m) return { base: bare.trim(), mods: null, array };
  const base = `${m[1]!.trim()}${m[3] ?? ''}`.trim();
  return { base, mods: m[2]!.split(',').map((s) => Number(s.trim())), array };
}

const VARCHAR = 'character varying';
const INTEGER_RANK: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 };
const WIDER: ReadonlySet<string> = new Set([
  'real>double precision',
  'date>timestamp without time zone',
  'date>timestamp with time zone',
  'timestamp without time zone>timestamp with time zone',
  'json>jsonb',
]);

function binary(from: ParsedType, to: ParsedType): boolean {
  if (from.base === VARCHAR && (to.base === 'text' || to.base === VARCHAR)) {
    if (to.base === 'text' || to.mods === null) return true;
    return from.mods !== null && to.mods[0]! >= from.mods[0]!;
  }
  if (from.base === 'text' && to.base === VARCHAR) return to.mods === null;
  if (from.base === 'numeric' && to.base === 'numeric') {
    if (to.mods === null) return true;
    if (from.mods === null) return false;
    const [p1 = 0, s1 = 0] = from.mods;
    const [p2 = 0, s2 = 0] = to.mods;
    return s1 === s2 && p2 >= p1;
  }
  return false;
}

function widening(from: ParsedType, to: ParsedType): boolean {
  if (to.base === 'text' && !from.array) return true;
  const r1 = INTEGER_RANK[from.base];
  const r2 = INTEGER_RANK[to.base];
  if (r1 !== undefined && r2 !== undefined) return r2 > r1;
  if (r1 !== undefined && to.base === 'numeric') return to.mods === null;
  if (from.base === 'character' && to.base === VARCHAR) return to.mods === null || (from.mods !== null && to.mods[0]! >= from.mods[0]!);
  return WIDER.has(`${from.base}>${to.base}`);
}

export function classifyTypeChange(fromType: string, toType: string): TypeChangeClass {
  if (fromType === toType) return 'same';
  const from = parseType(fromType);
  const to = parseType(toType);
  if (from.array !== to.array) return 'lossy';
  if (binary(from, to)) return 'binary';
  return widening(from, to) ? 'widening' : 'lossy';
}

const FAMILIES: Readonly<Record<string, string>> = {
  smallint: 'number', integer: 'number', bigint: 'number', numeric: 'number', real: 'number', 'double precision': 'number',
  text: 'string', 'character varying': 'string', character: 'string',
  json: 'json', jsonb: 'json',
};

/**
 * Date and time types cast directly only in these directions (pg_cast); time → date or
 * interval → timestamp have no cast at all, so a family rule would write SQL the server rejects.
 */
const TEMPORAL_CASTS: ReadonlySet<string> = new Set([
  'date>timestamp with time zone', 'date>timestamp without time zone', 'interval>time without time zone',
  'time with time zone>time without time zone', 'time without time zone>interval', 'time without time zone>time with time zone',
  'timestamp with time zone>date', 'timestamp with time zone>time with time zone', 'timestamp with time zone>time without time zone',
  'timestamp with time zone>timestamp without time zone', 'timestamp without time zone>date',
  'timestamp without time zone>time without time zone', 'timestamp without time zone>timestamp with time zone',
]);

const ZONED: ReadonlySet<string> = new Set(['timestamp with time zone', 'time with time zone']);

/**
 * Whether converting values between the two types reads the session's TimeZone: a zoned type to or
 * from any other type (timestamp ↔ timestamptz, date → timestamptz, timestamptz → text…). Only the
 * type modifier changing (timestamptz(3) → timestamptz) keeps the instant as it is.
 */
export function zoneDependent(fromType: string, toType: string): boolean {
  const a = parseType(fromType).base;
  const b = parseType(toType).base;
  return a !== b && (ZONED.has(a) || ZONED.has(b));
}

/** A conversion USING can write without the schema's help (UsingCast without 'none'). */
export type CastForm = 'cast' | 'via-text' | 'into-array' | 'into-array-via-text';

/** Between two scalars, or two arrays element by element. */
function scalarCastForm(a: ParsedType, b: ParsedType): 'cast' | 'via-text' {
  if (TEMPORAL_CASTS.has(`${a.base}>${b.base}`)) return 'cast';
  const fa = FAMILIES[a.base];
  const fb = FAMILIES[b.base];
  if (fa === undefined || fb === undefined) return 'via-text';
  return fa === fb || fa === 'string' || fb === 'string' ? 'cast' : 'via-text';
}

/**
 * How USING converts values: a direct cast within a family of types or to and from strings (every
 * type has I/O casts with text); otherwise through text, which PostgreSQL accepts for any pair and
 * which fails, row by row, only on values that do not parse (bigint → timestamp has no direct cast).
 * A scalar becomes a one-element array of it; an array becomes a string by its text form ({a,b}).
 * An array has no default conversion to any other scalar (null): which element, or what else, only
 * the schema can say.
 */
export function castForm(fromType: string, toType: string): CastForm | null {
  const a = parseType(fromType);
  const b = parseType(toType);
  if (a.array === b.array) return scalarCastForm(a, b);
  if (b.array) return scalarCastForm(a, { ...b, array: false }) === 'cast' ? 'into-array' : 'into-array-via-text';
  return FAMILIES[b.base] === 'string' ? 'cast' : null;
}

/** castForm, or a usage error asking for the schema's USING expression when there is no default. */
export function defaultConversion(table: string, column: string, fromType: string, toType: string): CastForm {
  const form = castForm(fromType, toType);
  if (form !== null) return form;
  throw usageError(
    `column ${table}.${column} changes type from ${fromType} to ${toType}, and an array has no default conversion to ${toType}. `
    + `Say how to convert its values with .using(sql\`…\`) on the column, written over the current column (for example its first element: (column)[1]), `
    + `or drop the column and add it back.`,
  );
}
