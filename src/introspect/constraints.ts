import type { Constraint, FkAction } from '../model/types.js';
import { type IntrospectContext, userTable } from './context.js';

/** Column names of a conkey/confkey array, in the constraint's order. */
function columnNames(keys: string, relation: string): string {
  return `ARRAY(
    SELECT a.attname::text
    FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum
    ORDER BY k.ord)`;
}

// PostgreSQL 18's NOT NULL rows are outside this reader (they are the columns' notNull); rows with a
// conparentid are clones a foreign key to a partitioned table leaves on each partition. A key read
// here whose index is nevertheless attached to a parent index (attached_to) hangs off a plain
// partitioned index: had the parent index a constraint, the key would be its clone.
function constraintsSql(version: number): string {
  const nullsNotDistinct = version >= 150000 ? 'coalesce(ix.indnullsnotdistinct, false)' : 'false';
  return `
SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       con.contype AS type,
       con.condeferrable AS deferrable,
       con.condeferred AS initially_deferred,
       d.description AS comment,
       ${columnNames('con.conkey', 'con.conrelid')} AS columns,
       ${nullsNotDistinct} AS nulls_not_distinct,
       rn.nspname AS ref_schema,
       rc.relname AS ref_table,
       CASE WHEN con.contype = 'f' THEN ${columnNames('con.confkey', 'con.confrelid')} END AS ref_columns,
       con.confupdtype AS on_update,
       con.confdeltype AS on_delete,
       con.confmatchtype AS match,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS expression,
       CASE WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid) END AS definition,
       con.connoinherit AS no_inherit,
       con.convalidated AS validated,
       (SELECT pi.relname FROM pg_inherits inh
        JOIN pg_class ci ON ci.oid = inh.inhrelid
        JOIN pg_class pi ON pi.oid = inh.inhparent
        WHERE con.contype IN ('p', 'u', 'x') AND inh.inhrelid = con.conindid AND ci.relispartition) AS attached_to,
       CASE WHEN con.contype IN ('p', 'u', 'x') AND c.relkind = 'p' THEN (
         SELECT json_agg(json_build_object('schema', pn.nspname, 'table', pc.relname) ORDER BY pn.nspname, pc.relname)
         FROM pg_inherits pinh
         JOIN pg_class pc ON pc.oid = pinh.inhrelid
         JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE pinh.inhparent = con.conrelid
           AND NOT EXISTS (SELECT 1 FROM pg_constraint cc WHERE cc.conparentid = con.oid AND cc.conrelid = pc.oid)
       ) END AS partitions_without_key
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index ix ON con.contype = 'u' AND ix.indexrelid = con.conindid
LEFT JOIN pg_class rc ON con.contype = 'f' AND rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = con.oid AND d.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  -- not the copies a partition or child table gets from its parent
  AND con.conislocal
  AND con.conparentid = 0
  AND ${userTable('c', 'n')}`;
}

interface ConstraintRow {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly type: 'p' | 'u' | 'f' | 'c' | 'x';
  readonly deferrable: boolean;
  readonly initially_deferred: boolean;
  readonly comment: string | null;
  readonly columns: string[];
  readonly nulls_not_distinct: boolean;
  readonly ref_schema: string | null;
  readonly ref_table: string | null;
  readonly ref_columns: string[] | null;
  readonly on_update: string;
  readonly on_delete: string;
  readonly match: string;
  readonly expression: string | null;
  readonly definition: string | null;
  readonly no_inherit: boolean;
  readonly validated: boolean;
  readonly attached_to: string | null;
  readonly partitions_without_key: { schema: string; table: string }[] | null;
}

const FK_ACTIONS: Readonly<Record<string, FkAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

function fkAction(code: string, r: ConstraintRow): FkAction {
  const action = FK_ACTIONS[code];
  if (!action) throw new Error(`foreign key ${r.name} on ${r.schema}.${r.table_name}: unknown action code '${code}'`);
  return action;
}

function fkMatch(code: string, r: ConstraintRow): 'simple' | 'full' {
  if (code === 's') return 'simple';
  if (code === 'f') return 'full';
  throw new Error(`foreign key ${r.name} on ${r.schema}.${r.table_name}: unsupported MATCH type '${code}'`);
}

function required<T>(value: T | null, what: string, r: ConstraintRow): T {
  if (value === null)
    throw new Error(`constraint ${r.name} on ${r.schema}.${r.table_name}: the catalog has no ${what}`);
  return value;
}

/** Only foreign keys and checks can be NOT VALID; the key is left out when validated. */
const notValid = (r: ConstraintRow): { notValid?: true } => (r.validated ? {} : { notValid: true });

/**
 * Only keys (primary, unique, exclusion) have an index to attach, or partitions that lack theirs;
 * the fields are left out when there is none.
 */
const keyFields = (r: ConstraintRow): { attachedTo?: string; partitionsWithoutKey?: { schema: string; table: string }[] } => ({
  ...(r.attached_to === null ? {} : { attachedTo: r.attached_to }),
  ...(r.partitions_without_key === null || r.partitions_without_key.length === 0 ? {} : { partitionsWithoutKey: r.partitions_without_key }),
});

/**
 * pg_get_constraintdef prints `EXCLUDE <index definition>` and then exactly the clauses its flags
 * call for (DEFERRABLE, INITIALLY DEFERRED); those are held as flags, so they are taken off here.
 */
export function exclusionDefinition(printed: string, deferrable: boolean, initiallyDeferred: boolean, what: string): string {
  let text = printed;
  const strip = (suffix: string): void => {
    if (!text.endsWith(suffix)) throw new Error(`${what}: expected its definition to end with '${suffix}': ${printed}`);
    text = text.slice(0, -suffix.length);
  };
  if (initiallyDeferred) strip(' INITIALLY DEFERRED');
  if (deferrable) strip(' DEFERRABLE');
  const prefix = 'EXCLUDE ';
  if (!text.startsWith(prefix)) throw new Error(`${what}: expected its definition to start with '${prefix}': ${printed}`);
  return text.slice(prefix.length);
}

function constraintOf(r: ConstraintRow): Constraint {
  const base = {
    kind: 'constraint',
    schema: r.schema,
    table: r.table_name,
    name: r.name,
    deferrable: r.deferrable,
    initiallyDeferred: r.initially_deferred,
    comment: r.comment,
  } as const;
  switch (r.type) {
    case 'p':
      return { ...base, type: 'primary-key', columns: r.columns, ...keyFields(r) };
    case 'u':
      return { ...base, type: 'unique', columns: r.columns, nullsNotDistinct: r.nulls_not_distinct, ...keyFields(r) };
    case 'f':
      return {
        ...base,
        type: 'foreign-key',
        columns: r.columns,
        references: {
          schema: required(r.ref_schema, 'referenced schema', r),
          table: required(r.ref_table, 'referenced table', r),
          columns: required(r.ref_columns, 'referenced columns', r),
        },
        onDelete: fkAction(r.on_delete, r),
        onUpdate: fkAction(r.on_update, r),
        match: fkMatch(r.match, r),
        ...notValid(r),
      };
    case 'c':
      return { ...base, type: 'check', expression: required(r.expression, 'expression', r), noInherit: r.no_inherit, ...notValid(r) };
    case 'x': {
      const printed = required(r.definition, 'definition', r);
      const what = `exclusion constraint ${r.name} on ${r.schema}.${r.table_name}`;
      return { ...base, type: 'exclusion', definition: exclusionDefinition(printed, r.deferrable, r.initially_deferred, what), ...keyFields(r) };
    }
    default: {
      const never: never = r.type;
      throw new Error(`constraint ${r.name}: unexpected contype ${String(never)}`);
    }
  }
}

export async function readConstraints(ctx: IntrospectContext): Promise<Constraint[]> {
  const { rows } = await ctx.db.query<ConstraintRow>(constraintsSql(ctx.version), ctx.params);
  return rows.map(constraintOf);
}
