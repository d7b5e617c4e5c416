import { UNMANAGED_KINDS, type UnmanagedKind, type UnmanagedObject } from '../model/unmanaged.js';
import { type IntrospectContext, userSchema } from './context.js';

/**
 * Every object in the managed schemas (and every object of the whole database) that no reader
 * models, one arm per catalog. What an extension made (pg_depend 'e') is the extension's; what the
 * server made for another object (pg_depend 'i': a table's row type, an array type, a range's
 * multirange and the casts between them) belongs to that object. Objects of the whole database with no
 * schema are made by users only from FirstNormalObjectId (16384) on; below it they come with initdb.
 *
 * Each arm says what its reader leaves out: types other than enums, domains, composite types and
 * ranges (a multirange is always its range's), routines other than functions, procedures and
 * aggregates, relations other than tables, views, materialized views, sequences and indexes.
 */
const own = (catalog: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oid} AND dep.deptype IN ('e', 'i'))`;
const userMade = (catalog: string, oid: string): string => `${oid} >= 16384 AND ${own(catalog, oid)}`;

/** An arm over a schema-qualified catalog: its rows, its namespace column, and what else to filter. */
function inSchemas(catalog: string, alias: string, namespace: string, kind: string, name: string, where = 'true', detail = 'NULL', parent = 'NULL'): string {
  return `SELECT ${kind} AS kind, n.nspname::text AS schema, ${name}::text AS name, ${detail}::text AS detail, ${parent}::text AS parent
FROM ${catalog} ${alias} JOIN pg_namespace n ON n.oid = ${alias}.${namespace}
WHERE ${userSchema('n')} AND ${own(catalog, `${alias}.oid`)} AND (${where})`;
}

/** An arm over a catalog of the whole database. */
function database(from: string, kind: string, name: string, where: string, detail = 'NULL'): string {
  return `SELECT ${kind} AS kind, NULL::text AS schema, ${name}::text AS name, ${detail}::text AS detail, NULL::text AS parent
FROM ${from}
WHERE ${where}`;
}

const k = (kind: UnmanagedKind): string => `'${kind}'`;

const ARMS: readonly string[] = [
  inSchemas('pg_proc', 'p', 'pronamespace', k('window-function'), 'p.proname',
    `p.prokind = 'w'`, `'(' || pg_get_function_identity_arguments(p.oid) || ')'`),
  // Composite types ('c') are read, and so are a table's own row type (its relation's) with them.
  inSchemas('pg_type', 't', 'typnamespace',
    `CASE t.typtype WHEN 'b' THEN ${k('base-type')} WHEN 'p' THEN CASE WHEN t.typisdefined THEN ${k('type')} ELSE ${k('shell-type')} END
       ELSE ${k('type')} END`, 't.typname',
    `t.typtype NOT IN ('c', 'd', 'e', 'r', 'm')`),
  // Tables, partitions, views, materialized views, sequences and indexes have readers; a composite
  // type's relation is its type, listed above; toast lives in pg_toast.
  inSchemas('pg_class', 'c', 'relnamespace',
    `CASE c.relkind WHEN 'f' THEN ${k('foreign-table')} ELSE ${k('relation')} END`, 'c.relname',
    `c.relkind NOT IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'c', 't')`),
  inSchemas('pg_ts_config', 'x', 'cfgnamespace', k('text-search-configuration'), 'x.cfgname'),
  inSchemas('pg_ts_dict', 'x', 'dictnamespace', k('text-search-dictionary'), 'x.dictname'),
  inSchemas('pg_ts_parser', 'x', 'prsnamespace', k('text-search-parser'), 'x.prsname'),
  inSchemas('pg_ts_template', 'x', 'tmplnamespace', k('text-search-template'), 'x.tmplname'),
  inSchemas('pg_operator', 'o', 'oprnamespace', k('operator'), 'o.oprname', 'true',
    `'(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', ' || format_type(o.oprright, NULL) || ')'`),
  inSchemas('pg_opclass', 'x', 'opcnamespace', k('operator-class'), 'x.opcname', 'true',
    `' using ' || (SELECT quote_ident(am.amname) FROM pg_am am WHERE am.oid = x.opcmethod)`),
  // CREATE OPERATOR CLASS without FAMILY makes a family of the same name, which belongs to the class.
  inSchemas('pg_opfamily', 'x', 'opfnamespace', k('operator-family'), 'x.opfname',
    `NOT EXISTS (SELECT 1 FROM pg_opclass oc WHERE oc.opcfamily = x.oid AND oc.opcname = x.opfname AND oc.opcnamespace = x.opfnamespace)`,
    `' using ' || (SELECT quote_ident(am.amname) FROM pg_am am WHERE am.oid = x.opfmethod)`),
  inSchemas('pg_conversion', 'x', 'connamespace', k('conversion'), 'x.conname'),
  database('pg_subscription x', k('subscription'), 'x.subname',
    `x.subdbid = (SELECT db.oid FROM pg_database db WHERE db.datname = current_database())`),
  database('pg_foreign_data_wrapper x', k('foreign-data-wrapper'), 'x.fdwname', userMade('pg_foreign_data_wrapper', 'x.oid')),
  database('pg_foreign_server x', k('server'), 'x.srvname', userMade('pg_foreign_server', 'x.oid')),
  // pg_user_mappings hides the options (passwords) that pg_user_mapping holds.
  database('pg_user_mappings x', k('user-mapping'), "''", 'true', `'for ' || quote_ident(x.usename) || ' server ' || quote_ident(x.srvname)`),
  database('pg_cast x', k('cast'), "''", userMade('pg_cast', 'x.oid'),
    `'(' || format_type(x.castsource, NULL) || ' AS ' || format_type(x.casttarget, NULL) || ')'`),
  database('pg_transform x', k('transform'), "''", userMade('pg_transform', 'x.oid'),
    `'for ' || format_type(x.trftype, NULL) || ' language ' || (SELECT quote_ident(l.lanname) FROM pg_language l WHERE l.oid = x.trflang)`),
  database('pg_language x', k('language'), 'x.lanname', userMade('pg_language', 'x.oid')),
  database('pg_am x', k('access-method'), 'x.amname', userMade('pg_am', 'x.oid')),
];

const UNMANAGED_SQL = `SELECT kind, schema, name, detail, parent FROM (
${ARMS.join('\nUNION ALL\n')}
) u
ORDER BY kind, schema NULLS FIRST, name, detail NULLS FIRST`;

interface UnmanagedRow {
  readonly kind: string;
  readonly schema: string | null;
  readonly name: string;
  readonly detail: string | null;
  readonly parent: string | null;
}

const isUnmanagedKind = (kind: string): kind is UnmanagedKind => Object.hasOwn(UNMANAGED_KINDS, kind);

/** Reads the objects no reader models; run in the readers' snapshot (introspect/index.ts). */
export async function readUnmanaged(ctx: IntrospectContext): Promise<UnmanagedObject[]> {
  const { rows } = await ctx.db.query<UnmanagedRow>(UNMANAGED_SQL, ctx.params);
  return rows.map((r) => {
    if (!isUnmanagedKind(r.kind)) throw new Error(`readUnmanaged: unknown kind ${JSON.stringify(r.kind)}`);
    return { kind: r.kind, schema: r.schema, name: r.name, detail: r.detail, parent: r.parent };
  });
}
