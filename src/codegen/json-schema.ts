import { relationId } from '../model/ids.js';
import type { Column, CompositeType, EnumType, Model, Table } from '../model/types.js';
import { quoteQualified } from '../sql/ident.js';
import { NameAllocator, pascalCase } from './names.js';
import { defaultMultirangeName } from '../model/naming.js';

/** The subset of JSON Schema (draft-07) pgtide writes. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly readOnly?: boolean;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/**
 * How column types become JSON values — the form a row takes in JSON (row_to_json, json_agg), which
 * is also what node-postgres returns for everything but timestamps and dates (it parses those into
 * Date objects unless told not to):
 *   smallint, integer, real, double precision → number
 *   bigint, numeric → string (exact; a JS number cannot hold every value)
 *   boolean → boolean · json, jsonb → any JSON value
 *   date → string (format date) · timestamp[tz] → string (format date-time) · time[tz] → string (format time)
 *   text, varchar, char, uuid, inet, cidr, macaddr, interval, bytea (hex), and any other type → string
 *   enum → the union of its labels · T[] → array of T · NULL-able columns → T | null
 *   composite type → an object with every attribute, each of which may be null (its JSON form;
 *   node-postgres returns the row's text, `(a,1)`, unless the query turns it into JSON)
 *   range and multirange types (built-in or the model's) → string, their text form (`[1,2)`, `{[1,2)}`)
 */
const SCALARS: Readonly<Record<string, JsonSchema>> = {
  smallint: { type: 'integer' },
  integer: { type: 'integer' },
  real: { type: 'number' },
  'double precision': { type: 'number' },
  bigint: { type: 'string', format: 'int64' },
  numeric: { type: 'string', format: 'decimal' },
  boolean: { type: 'boolean' },
  json: {},
  jsonb: {},
  date: { type: 'string', format: 'date' },
  uuid: { type: 'string', format: 'uuid' },
};

function scalarSchema(element: string): JsonSchema {
  const base = element.replace(/\(.*\)/, '');
  const known = SCALARS[base];
  if (known) return known;
  if (base.startsWith('timestamp')) return { type: 'string', format: 'date-time' };
  if (base.startsWith('time')) return { type: 'string', format: 'time' };
  return { type: 'string' };
}

interface Names {
  /** The definition of each enum and composite type, by the type as columns spell it. */
  readonly types: ReadonlyMap<string, string>;
  /** The model's range and multirange types, as columns print them: strings whatever their schema's name. */
  readonly ranges: ReadonlySet<string>;
  readonly rows: ReadonlyMap<string, string>;
}

function typeSchema(type: string, names: Names): JsonSchema {
  const isArray = type.endsWith('[]');
  const element = isArray ? type.slice(0, -2) : type;
  const defined = names.types.get(element);
  const item: JsonSchema = defined !== undefined ? { $ref: `#/definitions/${defined}` }
    : names.ranges.has(element) ? { type: 'string' }
    : scalarSchema(element);
  return isArray ? { type: 'array', items: item } : item;
}

function valueSchema(type: string, notNull: boolean, comment: string | null, names: Names): JsonSchema {
  const value = typeSchema(type, names);
  const nullable: JsonSchema = notNull ? value : { anyOf: [value, { type: 'null' }] };
  return comment === null ? nullable : { ...nullable, description: comment };
}

/** Columns an INSERT may leave out: defaulted, identity, or nullable. Generated columns cannot be written. */
function insertOptional(c: Column): boolean {
  return c.default !== null || c.identity !== null || !c.notNull;
}

function rowSchema(table: Table, title: string, names: Names, insert: boolean): JsonSchema {
  const columns = insert ? table.columns.filter((c) => c.generated === null) : table.columns;
  const properties: Record<string, JsonSchema> = {};
  for (const c of columns) properties[c.name] = valueSchema(c.type, c.notNull, c.comment, names);
  const required = columns.filter((c) => !insert || !insertOptional(c)).map((c) => c.name);
  const what = insert ? `A row to insert into ${table.schema}.${table.name}` : `A row of ${table.schema}.${table.name}`;
  return {
    title,
    description: table.comment === null ? `${what}.` : `${what}: ${table.comment}`,
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

const typeName = (schema: string, name: string): string => pascalCase(schema === 'public' ? name : `${schema}_${name}`);

function enumSchema(e: EnumType, title: string): JsonSchema {
  return { title, type: 'string', enum: e.values, ...(e.comment === null ? {} : { description: e.comment }) };
}

/** A composite value as JSON: every attribute is there, and any of them may be null. */
function compositeSchema(t: CompositeType, title: string, names: Names): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const a of t.attributes) properties[a.name] = valueSchema(a.type, false, a.comment, names);
  return {
    title,
    ...(t.comment === null ? {} : { description: t.comment }),
    type: 'object',
    properties,
    required: t.attributes.map((a) => a.name),
    additionalProperties: false,
  };
}

/**
 * The model as one JSON Schema: a definition per enum and composite type, per table's selected row (`Users`) and per
 * table's insert (`UsersInsert`), and a root object `Database` naming each table's row type.
 */
export function modelJsonSchema(model: Model): JsonSchema {
  const allocate = new NameAllocator(['Database']);
  const types = new Map<string, string>();
  const definitions: Record<string, JsonSchema> = {};
  for (const e of model.enum.values()) {
    const title = allocate.take([typeName(e.schema, e.name), `${typeName(e.schema, e.name)}Enum`]);
    types.set(quoteQualified(e.schema, e.name), title);
    definitions[title] = enumSchema(e, title);
  }
  const rows = new Map<string, string>();
  const ranges = new Set<string>();
  for (const r of model['range-type'].values()) {
    ranges.add(quoteQualified(r.schema, r.name)).add(quoteQualified(r.schema, r.multirangeName ?? defaultMultirangeName(r.name)));
  }
  const names: Names = { types, rows, ranges };
  const composites = [...model['composite-type'].values()].map((t) => {
    const title = allocate.take([typeName(t.schema, t.name), `${typeName(t.schema, t.name)}Type`]);
    types.set(quoteQualified(t.schema, t.name), title);
    return { t, title };
  });
  for (const { t, title } of composites) definitions[title] = compositeSchema(t, title, names);
  const properties: Record<string, JsonSchema> = {};
  for (const t of model.table.values()) {
    const title = allocate.take([typeName(t.schema, t.name), `${typeName(t.schema, t.name)}Row`]);
    const insertTitle = allocate.take([`${title}Insert`, `${title}InsertRow`]);
    rows.set(relationId('table', t.schema, t.name), title);
    definitions[title] = rowSchema(t, title, names, false);
    definitions[insertTitle] = rowSchema(t, insertTitle, names, true);
    properties[`${t.schema}.${t.name}`] = { $ref: `#/definitions/${title}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Database',
    description: 'Row types of every table, by schema-qualified name. Written by `pgtide types`.',
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    definitions,
  };
}
