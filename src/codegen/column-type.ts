import type { TypeFamily } from '../dsl/columns/types.js';

/**
 * A column type as format_type prints it → the DSL builder call that declares it. Returns null for
 * types the DSL cannot spell (multi-word names without a builder, quoted names); pull reports those.
 */
export interface BuilderCall {
  /** The DSL function (or enum variable) to import and call. */
  readonly callee: string;
  readonly args: readonly (string | number)[];
  readonly family: TypeFamily;
  readonly isArray: boolean;
  /** True when callee is an enum variable rather than a DSL function. */
  readonly isEnum: boolean;
}

const SIMPLE: Readonly<Record<string, readonly [string, TypeFamily]>> = {
  smallint: ['smallint', 'integer'],
  integer: ['integer', 'integer'],
  bigint: ['bigint', 'integer'],
  numeric: ['numeric', 'numeric'],
  real: ['real', 'float'],
  'double precision': ['doublePrecision', 'float'],
  text: ['text', 'text'],
  'character varying': ['varchar', 'text'],
  boolean: ['boolean', 'boolean'],
  uuid: ['uuid', 'uuid'],
  bytea: ['bytea', 'bytea'],
  json: ['json', 'json'],
  jsonb: ['jsonb', 'json'],
  inet: ['inet', 'network'],
  cidr: ['cidr', 'network'],
  macaddr: ['macaddr', 'network'],
  date: ['date', 'temporal'],
  interval: ['interval', 'temporal'],
  'time without time zone': ['time', 'temporal'],
  'time with time zone': ['timetz', 'temporal'],
  'timestamp without time zone': ['timestamp', 'temporal'],
  'timestamp with time zone': ['timestamptz', 'temporal'],
};

const WITH_ARGS: readonly { readonly re: RegExp; readonly callee: string; readonly family: TypeFamily }[] = [
  { re: /^numeric\((\d+),(-?\d+)\)$/, callee: 'numeric', family: 'numeric' },
  { re: /^character varying\((\d+)\)$/, callee: 'varchar', family: 'text' },
  { re: /^character\((\d+)\)$/, callee: 'char', family: 'text' },
  { re: /^interval\((\d)\)$/, callee: 'interval', family: 'temporal' },
  { re: /^time\((\d)\) without time zone$/, callee: 'time', family: 'temporal' },
  { re: /^time\((\d)\) with time zone$/, callee: 'timetz', family: 'temporal' },
  { re: /^timestamp\((\d)\) without time zone$/, callee: 'timestamp', family: 'temporal' },
  { re: /^timestamp\((\d)\) with time zone$/, callee: 'timestamptz', family: 'temporal' },
];

// Multi-word spellings format_type prints that have a one-word alias customType() accepts.
const ALIASES: readonly [RegExp, string][] = [
  [/^bit varying(\(\d+\))?$/, 'varbit'],
];

// The names customType() accepts (see src/dsl/columns/other.ts).
const CUSTOM_NAME = /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?( ?\([0-9, ]+\))?$/;

function elementCall(element: string, enums: ReadonlyMap<string, string>, isArray: boolean): BuilderCall | null {
  const enumVar = enums.get(element);
  if (enumVar !== undefined) return { callee: enumVar, args: [], family: 'enum', isArray, isEnum: true };
  const simple = SIMPLE[element];
  if (simple) return { callee: simple[0], args: [], family: simple[1], isArray, isEnum: false };
  for (const { re, callee, family } of WITH_ARGS) {
    const m = re.exec(element);
    if (m) return { callee, args: m.slice(1).map(Number), family, isArray, isEnum: false };
  }
  let custom = element;
  for (const [re, alias] of ALIASES) {
    const m = re.exec(element);
    if (m) custom = `${alias}${m[1] ?? ''}`;
  }
  if (!CUSTOM_NAME.test(custom)) return null;
  return { callee: 'customType', args: [custom], family: 'custom', isArray, isEnum: false };
}

/**
 * `enums` maps each enum's printed type name (`public.mood`, `public."Mood"`) to its variable.
 * Arrays print one `[]` whatever their dimensions, so one .array() is always right.
 */
export function builderCall(type: string, enums: ReadonlyMap<string, string>): BuilderCall | null {
  const isArray = type.endsWith('[]');
  return elementCall(isArray ? type.slice(0, -2) : type, enums, isArray);
}
