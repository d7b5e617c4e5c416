import type { DefaultValue } from '../model/types.js';
import { assignmentCastType } from '../plan/narrowing.js';
import type { ColumnDef, IdentityOptions, QName, UsingCast } from '../plan/ops.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { sequenceClauses } from './sequences.js';
import { renderCollation, renderType } from './types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

export function renderDefault(value: DefaultValue): string {
  switch (value.kind) {
    case 'sql':
      return value.text;
    case 'literal': {
      const v = value.value;
      if (typeof v === 'string') return quoteLiteral(v);
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (!Number.isFinite(v)) throw new Error(`default ${String(v)} is not a finite number`);
      return String(v);
    }
    default: {
      const never: never = value;
      throw new Error(`unknown default ${JSON.stringify(never)}`);
    }
  }
}

function identityClause(generation: 'always' | 'by-default', options: IdentityOptions): string {
  const kind = generation === 'always' ? 'ALWAYS' : 'BY DEFAULT';
  // An identity's sequence always has the column's type, so AS is never stated.
  const clauses = sequenceClauses(options, ['dataType']);
  return `GENERATED ${kind} AS IDENTITY${clauses.length > 0 ? ` (${clauses.join(' ')})` : ''}`;
}

const TYPE_MAX: Readonly<Record<string, string>> = { smallint: '32767', integer: '2147483647', bigint: '9223372036854775807' };

/**
 * An ascending identity's options without the values PostgreSQL would choose anyway (START 1,
 * INCREMENT 1, MINVALUE 1, MAXVALUE of the type, CACHE 1, NO CYCLE), so introspected columns do not
 * spell them out.
 */
export function identityOptionsBeyondDefaults(type: string, options: IdentityOptions): IdentityOptions {
  if (options.increment !== undefined && options.increment !== '1') return options;
  const defaults: Record<string, string | boolean | undefined> = {
    start: '1', increment: '1', min: '1', max: TYPE_MAX[type], cache: '1', cycle: false,
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && value !== defaults[key]) out[key] = value;
  }
  return out as IdentityOptions;
}

/**
 * `[CONSTRAINT name] NOT NULL`. The column-constraint form parses on every version; servers before 18
 * ignore the name, 18 gives the constraint it.
 */
export function notNullClause(name: string | undefined): string {
  return name === undefined ? 'NOT NULL' : `CONSTRAINT ${quoteIdent(name)} NOT NULL`;
}

/** `name type [COLLATE c] [GENERATED …] [DEFAULT …] [[CONSTRAINT n] NOT NULL]`, as in CREATE TABLE and ADD COLUMN. */
export function renderColumnDef(col: ColumnDef): string {
  const parts = [quoteIdent(col.name), renderType(col.type)];
  if (col.collation !== null) parts.push(`COLLATE ${renderCollation(col.collation)}`);
  if (col.generated !== null) parts.push(`GENERATED ALWAYS AS (${col.generated}) STORED`);
  if (col.identity !== null) {
    parts.push(identityClause(col.identity.generation, identityOptionsBeyondDefaults(col.type, col.identity.options)));
  }
  if (col.default !== null) parts.push(`DEFAULT ${renderDefault(col.default)}`);
  if (col.notNull) parts.push(notNullClause(col.notNullName));
  return parts.join(' ');
}

const alter = (table: QName, column: string, action: string, only = false): string =>
  `ALTER TABLE ${only ? 'ONLY ' : ''}${q(table)} ALTER COLUMN ${quoteIdent(column)} ${action}`;

/**
 * `column::type`; through text when there is no direct cast (`column::text[]::type[]`); a scalar
 * becoming an array as a one-element array of it, NULL staying NULL. Every caller stores the
 * result into a column of `type` (ALTER … USING, UPDATE … SET, INSERT, a trigger's NEW), so a
 * length-bounded type is cast without its length and the store checks it: a value that does not
 * fit raises, as ALTER … TYPE without USING would, instead of being cut by the explicit cast.
 */
export function castExpression(column: string, type: string, using: Exclude<UsingCast, 'none'>): string {
  const c = quoteIdent(column);
  const target = renderType(assignmentCastType(type));
  switch (using) {
    case 'cast':
      return `${c}::${target}`;
    case 'via-text':
      return `${c}::text${/(\[\])+$/.exec(type)?.[0] ?? ''}::${target}`;
    case 'into-array':
      return `CASE WHEN ${c} IS NULL THEN NULL ELSE ARRAY[${c}]::${target} END`;
    case 'into-array-via-text':
      return `CASE WHEN ${c} IS NULL THEN NULL ELSE ARRAY[${c}::text]::${target} END`;
    default: {
      const never: never = using;
      throw new Error(`unknown cast form ${String(never)}`);
    }
  }
}

function usingClause(column: string, type: string, using: UsingCast | { readonly sql: string }): string {
  // The schema's own USING expression (`.using(sql\`…\`)`), as written over the column's current name.
  if (typeof using === 'object') return ` USING ${using.sql}`;
  if (using === 'none') return '';
  return ` USING ${castExpression(column, type, using)}`;
}

export const columnRenderers: Renderers<
  | 'add-column' | 'drop-column' | 'rename-column' | 'alter-column-type' | 'set-not-null' | 'drop-not-null'
  | 'set-default' | 'drop-default' | 'add-identity' | 'drop-identity' | 'set-identity' | 'drop-expression'
  | 'backfill-column'
> = {
  'add-column': (op) => `ALTER TABLE ${q(op.table)} ADD COLUMN ${renderColumnDef(op.column)}`,
  'drop-column': (op) => `ALTER TABLE ${op.only === true ? 'ONLY ' : ''}${q(op.table)} DROP COLUMN ${quoteIdent(op.column)}`,
  'rename-column': (op) => `ALTER TABLE ${q(op.table)} RENAME COLUMN ${quoteIdent(op.column)} TO ${quoteIdent(op.newName)}`,
  'alter-column-type': (op) => {
    const collate = op.collation === null ? '' : ` COLLATE ${renderCollation(op.collation)}`;
    return alter(op.table, op.column, `TYPE ${renderType(op.type)}${collate}${usingClause(op.column, op.type, op.using)}`);
  },
  'set-not-null': (op) => alter(op.table, op.column, 'SET NOT NULL'),
  'drop-not-null': (op) => alter(op.table, op.column, 'DROP NOT NULL'),
  'set-default': (op) => alter(op.table, op.column, `SET DEFAULT ${renderDefault(op.value)}`, op.only === true),
  'drop-default': (op) => alter(op.table, op.column, 'DROP DEFAULT', op.only === true),
  'add-identity': (op) => alter(op.table, op.column, `ADD ${identityClause(op.generation, op.options)}`),
  'drop-identity': (op) => alter(op.table, op.column, 'DROP IDENTITY'),
  'set-identity': (op) => {
    const actions: string[] = [];
    if (op.generation !== null) actions.push(`SET GENERATED ${op.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`);
    actions.push(...sequenceClauses(op.options, ['dataType']).map((c) => `SET ${c}`));
    if (actions.length === 0) throw new Error(`set-identity on ${op.table.name}.${op.column} changes nothing`);
    return alter(op.table, op.column, actions.join(' '));
  },
  'drop-expression': (op) => alter(op.table, op.column, 'DROP EXPRESSION'),
  'backfill-column': (op) => {
    const c = quoteIdent(op.column);
    if (!Number.isInteger(op.batchSize) || op.batchSize <= 0) throw new Error(`backfill batch size must be a positive integer`);
    return `UPDATE ${q(op.table)} SET ${c} = ${op.value} WHERE ctid IN (SELECT ctid FROM ${q(op.table)} WHERE ${c} IS NULL LIMIT ${op.batchSize})`;
  },
};
