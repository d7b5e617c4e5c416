import type { Queryable } from '../../../src/db/queryable.js';
import { quoteLiteral } from '../../../src/sql/ident.js';

/**
 * The object kinds a case involves, read from the catalogs of its loaded databases (never guessed
 * from SQL text). Base kinds are what pgtide's model covers today; a case that involves only base
 * kinds is "in scope", any other kind marks it "not yet covered".
 */
export type CaseKind =
  | 'schema'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'enum'
  | 'sequence'
  | 'comment'
  | 'view'
  | 'materialized-view'
  | 'function'
  | 'trigger'
  | 'policy'
  | 'partitioned-table'
  | 'inheritance'
  | 'domain'
  | 'composite-type'
  | 'range-type'
  | 'privilege'
  | 'exclusion-constraint'
  | 'unlogged'
  | 'replica-identity'
  | 'collation'
  | 'extension'
  | 'storage-parameter'
  | 'other';

// Objects of the case itself: not in system schemas and not members of an extension.
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

function notExtensionMember(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = ${quoteLiteral(catalog)}::regclass
    AND e.objid = ${oid} AND e.deptype = 'e')`;
}

function literals(chars: string): string {
  return [...chars].map(quoteLiteral).join(', ');
}

/** relkinds as one letter each, e.g. 'rp'. */
function userRelation(relkinds: string, extra = 'true'): string {
  return `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN (${literals(relkinds)}) AND ${USER_NS} AND ${notExtensionMember('pg_class', 'c.oid')} AND ${extra}`;
}

function userType(typtype: string, extra = 'true'): string {
  return `SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype = ${quoteLiteral(typtype)} AND ${USER_NS} AND ${notExtensionMember('pg_type', 't.oid')} AND ${extra}`;
}

function userConstraint(contypes: string): string {
  return `SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype IN (${literals(contypes)}) AND ${USER_NS}`;
}

const ME = `(SELECT oid FROM pg_roles WHERE rolname = current_user)`;
// initdb's ACL of schema public on PostgreSQL 15+: only a change from it is a privilege of the case.
const PUBLIC_SCHEMA_ACL = '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}';

const PRIVILEGE = [
  userRelation('rpvmSf', `(c.relacl IS NOT NULL OR c.relowner <> ${ME})`),
  `SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attacl IS NOT NULL AND ${USER_NS}`,
  `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE (p.proacl IS NOT NULL OR p.proowner <> ${ME}) AND ${USER_NS} AND ${notExtensionMember('pg_proc', 'p.oid')}`,
  `SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE (t.typacl IS NOT NULL OR t.typowner <> ${ME}) AND t.typtype IN ('e','d','c','r','m','b') AND ${USER_NS}
      AND ${notExtensionMember('pg_type', 't.oid')}
      AND NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind <> 'c')`,
  `SELECT 1 FROM pg_namespace n WHERE ${USER_NS} AND (n.nspowner <> ${ME} AND n.nspname <> 'public'
    OR n.nspname <> 'public' AND n.nspacl IS NOT NULL
    OR n.nspname = 'public' AND n.nspacl::text IS DISTINCT FROM ${quoteLiteral(PUBLIC_SCHEMA_ACL)})`,
  `SELECT 1 FROM pg_default_acl`,
].join(' UNION ALL ');

const COMMENT = `SELECT 1 FROM pg_description d WHERE d.classoid IN
  ('pg_class'::regclass, 'pg_type'::regclass, 'pg_constraint'::regclass, 'pg_namespace'::regclass, 'pg_proc'::regclass,
   'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_collation'::regclass)
  AND NOT (d.classoid = 'pg_namespace'::regclass AND d.description = 'standard public schema')
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')
  AND CASE d.classoid
    WHEN 'pg_class'::regclass THEN EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = d.objoid AND ${USER_NS})
    WHEN 'pg_type'::regclass THEN EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = d.objoid AND ${USER_NS})
    WHEN 'pg_proc'::regclass THEN EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = d.objoid AND ${USER_NS})
    WHEN 'pg_collation'::regclass THEN EXISTS (SELECT 1 FROM pg_collation l JOIN pg_namespace n ON n.oid = l.collnamespace WHERE l.oid = d.objoid AND ${USER_NS})
    WHEN 'pg_namespace'::regclass THEN EXISTS (SELECT 1 FROM pg_namespace n WHERE n.oid = d.objoid AND ${USER_NS})
    ELSE true END`;

const OTHER = [
  `SELECT 1 FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE r.rulename <> '_RETURN' AND ${USER_NS}`,
  `SELECT 1 FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE ${USER_NS}`,
  `SELECT 1 FROM pg_event_trigger`,
  `SELECT 1 FROM pg_publication`,
  `SELECT 1 FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
    WHERE ${USER_NS} AND ${notExtensionMember('pg_operator', 'o.oid')}`,
  `SELECT 1 FROM pg_ts_config f JOIN pg_namespace n ON n.oid = f.cfgnamespace WHERE ${USER_NS}`,
  `SELECT 1 FROM pg_cast k WHERE k.oid >= 16384 AND ${notExtensionMember('pg_cast', 'k.oid')}`,
  userRelation('f'),
].join(' UNION ALL ');

/** An EXISTS-able query per kind; a Record so that a new kind cannot be left without a probe. */
const PROBES: Record<CaseKind, string> = {
  schema: `SELECT 1 FROM pg_namespace n WHERE ${USER_NS} AND n.nspname <> 'public'
    AND ${notExtensionMember('pg_namespace', 'n.oid')}`,
  table: userRelation('r', 'NOT c.relispartition'),
  column: `SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p') AND ${USER_NS}`,
  constraint: userConstraint('pufc'),
  index: `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r','p','m') AND ${USER_NS} AND ${notExtensionMember('pg_class', 'c.oid')}`,
  enum: userType('e'),
  sequence: userRelation('S'),
  comment: COMMENT,
  view: userRelation('v'),
  'materialized-view': userRelation('m'),
  function: `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NS} AND ${notExtensionMember('pg_proc', 'p.oid')}`,
  trigger: `SELECT 1 FROM pg_trigger g WHERE NOT g.tgisinternal`,
  policy: `SELECT 1 FROM pg_policy UNION ALL ${userRelation('rp', '(c.relrowsecurity OR c.relforcerowsecurity)')}`,
  'partitioned-table': userRelation('rp', `(c.relkind = 'p' OR c.relispartition)`),
  inheritance: `SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relkind = 'r'`,
  domain: userType('d'),
  'composite-type': userType('c', `EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')`),
  'range-type': userType('r'),
  privilege: PRIVILEGE,
  'exclusion-constraint': userConstraint('x'),
  unlogged: userRelation('rpS', `c.relpersistence = 'u'`),
  'replica-identity': userRelation('rp', `c.relreplident <> 'd'`),
  collation: `SELECT 1 FROM pg_collation l JOIN pg_namespace n ON n.oid = l.collnamespace
    WHERE ${USER_NS} AND ${notExtensionMember('pg_collation', 'l.oid')}`,
  extension: `SELECT 1 FROM pg_extension x WHERE x.extname <> 'plpgsql'`,
  'storage-parameter': userRelation('rp', 'c.reloptions IS NOT NULL'),
  other: OTHER,
};

export const ALL_KINDS: readonly CaseKind[] = Object.freeze(Object.keys(PROBES) as CaseKind[]);

/**
 * What pgtide's model holds today (src/model/types.ts). A column COLLATE clause is part of Column;
 * `collation` above means CREATE COLLATION objects. Extensions are in the model too, but the issue
 * lists them as not yet covered, so they stay out of the base set.
 */
export const BASE_KINDS: ReadonlySet<CaseKind> = new Set<CaseKind>([
  'schema',
  'table',
  'column',
  'constraint',
  'index',
  'enum',
  'sequence',
  'comment',
]);

const CLASSIFY_SQL = ALL_KINDS.map((kind) => `SELECT ${quoteLiteral(kind)} AS kind WHERE EXISTS (${PROBES[kind]})`).join('\nUNION ALL\n');

/** The kinds present in one database. */
export async function kindsIn(db: Queryable): Promise<Set<CaseKind>> {
  const res = await db.query<{ kind: CaseKind }>(CLASSIFY_SQL);
  return new Set(res.rows.map((r) => r.kind));
}

/** The kinds of a case: the union over its databases, in ALL_KINDS order. */
export function mergeKinds(sets: Iterable<ReadonlySet<CaseKind>>): CaseKind[] {
  const all = new Set<CaseKind>();
  for (const s of sets) for (const k of s) all.add(k);
  return ALL_KINDS.filter((k) => all.has(k));
}

export function notCovered(kinds: readonly CaseKind[]): CaseKind[] {
  return kinds.filter((k) => !BASE_KINDS.has(k));
}
