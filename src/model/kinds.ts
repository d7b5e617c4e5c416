import type { DbObject, Kind, ObjectId, ObjectOf } from './types.js';

/**
 * The kind registry: every per-kind fact that more than one stage needs, in one table keyed by every
 * kind. A kind added to the model (`DbObject`) without an entry here does not compile, and neither does
 * an entry whose facts contradict its model type (a kind without `dependsOn` cannot be a dependent,
 * one with a `comment` must say how COMMENT ON names it). Everything per-kind elsewhere is derived from
 * it or is itself keyed by `Kind` (readers, differs, strategies, renderers).
 */

/** What an object lives on: when the config's `ignore` takes that out of scope, it goes too. */
export type Parent =
  /** The table, or the view of that name (an index or trigger may be on a view). */
  | { readonly on: 'relation'; readonly schema: string; readonly table: string }
  /** The objects it is on, by id (a grant). */
  | { readonly on: 'objects'; readonly ids: readonly ObjectId[] };

/** How COMMENT ON names an object (`COMMENT ON <target> …`); `sql/comments.ts` renders each one. */
export type CommentOn =
  | 'schema' | 'table' | 'column' | 'type' | 'sequence' | 'index' | 'collation' | 'view' | 'materialized-view'
  | 'constraint' | 'policy' | 'trigger' | 'function' | 'procedure' | 'event-trigger'
  | 'statistics' | 'rule' | 'aggregate' | 'publication';

export interface KindTraits<K extends Kind> {
  /** The schema it lives in, which the config's `schemas` selects (a schema is in itself). */
  readonly schemaOf: (o: ObjectOf<K>) => string;
  /** What it lives on, for the config's `ignore`; null when only its own id counts. */
  readonly parentOf: ((o: ObjectOf<K>) => Parent) | null;
  /**
   * Stored on its table, so that it goes when the table is rebuilt (table.recreate): its own drops,
   * alters and renames are subsumed, and the desired ones are created on the new table.
   */
  readonly goesWithTable: ObjectOf<K> extends { readonly table: string } ? boolean : false;
  /**
   * Defined by SQL text that reads other objects (its `dependsOn`): dropped and created again around
   * a change to what it reads, even when it did not change itself (diff/dependents.ts).
   */
  readonly dependent: ObjectOf<K> extends { readonly dependsOn: readonly ObjectId[] } ? boolean : false;
  /**
   * Its ids appear in other objects' `dependsOn` (introspect/depends.ts reads pg_depend into them):
   * dropping one drops, first, every dependent that reads it.
   */
  readonly readByDependents: boolean;
  /** Users declare it with the TypeScript DSL; otherwise only in SQL, and pull writes it as SQL. */
  readonly declaredInDsl: boolean;
  /** The COMMENT ON targets its comments use (none for a kind without a comment). */
  readonly commentOn: 'comment' extends keyof ObjectOf<K> ? readonly [CommentOn, ...CommentOn[]] : readonly [];
}

/**
 * The schema of an object of the whole database (default privileges for every schema): no schema
 * name, so that it is in scope only when the config's `schemas` is not set, i.e. when pgtide manages
 * the whole database rather than some of its schemas.
 */
export const WHOLE_DATABASE = '';

/** The one schema a publication's tables and schemas are all in; the whole database otherwise. */
function publicationSchema(o: ObjectOf<'publication'>): string {
  if (o.allTables) return WHOLE_DATABASE;
  const schemas = new Set([...o.tables.map((t) => t.schema), ...o.schemas]);
  return schemas.size === 1 ? [...schemas][0]! : WHOLE_DATABASE;
}

const inOwnSchema = (o: { readonly schema: string }): string => o.schema;
const onRelation = (o: { readonly schema: string; readonly table: string }): Parent => ({ on: 'relation', schema: o.schema, table: o.table });

/**
 * The registry. Its key order is the order of `KINDS`, which the model hash follows: a new kind
 * goes last so that existing hashes stay the same.
 */
export const KIND_TRAITS = {
  schema: {
    schemaOf: (o) => o.name,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: true,
    commentOn: ['schema'],
  },
  extension: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: true,
    commentOn: [],
  },
  enum: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: true,
    commentOn: ['type'],
  },
  sequence: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: true,
    commentOn: ['sequence'],
  },
  table: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: true,
    declaredInDsl: true,
    commentOn: ['table', 'column'],
  },
  constraint: {
    schemaOf: inOwnSchema,
    parentOf: onRelation,
    goesWithTable: true,
    dependent: false,
    readByDependents: false,
    declaredInDsl: true,
    commentOn: ['constraint'],
  },
  index: {
    schemaOf: inOwnSchema,
    parentOf: onRelation,
    goesWithTable: true,
    dependent: false,
    readByDependents: false,
    declaredInDsl: true,
    commentOn: ['index'],
  },
  view: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: true,
    readByDependents: true,
    declaredInDsl: false,
    commentOn: ['view', 'materialized-view'],
  },
  function: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: true,
    readByDependents: true,
    declaredInDsl: false,
    commentOn: ['function', 'procedure'],
  },
  trigger: {
    schemaOf: inOwnSchema,
    parentOf: onRelation,
    // On its table, but it reads the table: it comes back through the dependents instead.
    goesWithTable: false,
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['trigger'],
  },
  policy: {
    schemaOf: inOwnSchema,
    parentOf: onRelation,
    goesWithTable: false,
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['policy'],
  },
  privilege: {
    schemaOf: (o) => (o.target.on === 'schema' ? o.target.name : o.target.schema),
    parentOf: (o) => ({ on: 'objects', ids: o.dependsOn }),
    goesWithTable: false,
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: [],
  },
  collation: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['collation'],
  },
  domain: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['type'],
  },
  'composite-type': {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: false,
    // its attributes take COMMENT ON COLUMN, like a table's columns
    commentOn: ['type', 'column'],
  },
  'default-privileges': {
    schemaOf: (o) => o.schema ?? WHOLE_DATABASE,
    // Ignoring a schema leaves out the defaults in it too.
    parentOf: (o) => ({ on: 'objects', ids: o.schema === null ? [] : [`schema:${o.schema}`] }),
    goesWithTable: false,
    dependent: false,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: [],
  },
  'event-trigger': {
    // Of the whole database: in scope with its function's schema, and ignored with its function.
    schemaOf: (o) => o.function.schema,
    parentOf: (o) => ({ on: 'objects', ids: o.dependsOn }),
    goesWithTable: false,
    // Re-created around its function when that is dropped and created again.
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['event-trigger'],
  },
  statistics: {
    schemaOf: inOwnSchema,
    // Its table's ignore takes it out of scope, though it may live in another schema.
    parentOf: (o) => ({ on: 'relation', schema: o.tableSchema, table: o.tableName }),
    // On its table, but it reads the table's columns: it comes back through the dependents, also
    // when a column it covers is retyped or swapped.
    goesWithTable: false,
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['statistics'],
  },
  rule: {
    schemaOf: inOwnSchema,
    parentOf: onRelation,
    // On its table or view, and its actions read others: it comes back through the dependents.
    goesWithTable: false,
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['rule'],
  },
  'range-type': {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    dependent: false,
    // Functions and views over it (its multirange and their arrays too) read it: a rebuild takes them first.
    readByDependents: true,
    declaredInDsl: false,
    commentOn: ['type'],
  },
  aggregate: {
    schemaOf: inOwnSchema,
    parentOf: null,
    goesWithTable: false,
    // It calls its support functions: one that is re-created takes the aggregate along.
    dependent: true,
    // Views and functions that call it.
    readByDependents: true,
    declaredInDsl: false,
    commentOn: ['aggregate'],
  },
  publication: {
    // Of the whole database: in the one schema all its tables and schemas are in, else of the whole
    // database (FOR ALL TABLES, across schemas, of nothing). Ignored with any of its tables or schemas.
    schemaOf: publicationSchema,
    parentOf: (o) => ({ on: 'objects', ids: [...o.tables.map((t) => `table:${t.schema}.${t.table}`), ...o.schemas.map((n) => `schema:${n}`)] }),
    goesWithTable: false,
    // Dropped and created again around a table it publishes, or a column its column lists and row
    // filters use, that is dropped, retyped or rebuilt.
    dependent: true,
    readByDependents: false,
    declaredInDsl: false,
    commentOn: ['publication'],
  },
} as const satisfies { readonly [K in Kind]: KindTraits<K> };

type Registry = typeof KIND_TRAITS;

/** Every kind, in registry order. Derived from the registry's keys, so no kind can be left out. */
export const KINDS: readonly Kind[] = Object.freeze(Object.keys(KIND_TRAITS) as Kind[]);

type Flag = 'goesWithTable' | 'dependent' | 'readByDependents';

/** Kinds whose flag is true, as a type: a `switch` or `Record` over it covers exactly those. */
type KindsWhere<F extends Flag> =
  { [K in Kind]: Registry[K][F] extends true ? K : never }[Kind];

export type TableBoundKind = KindsWhere<'goesWithTable'>;
export type DependentKind = KindsWhere<'dependent'>;
export type ReadByDependentsKind = KindsWhere<'readByDependents'>;

const kindsWhere = <F extends Flag>(flag: F): readonly KindsWhere<F>[] =>
  Object.freeze(KINDS.filter((k) => KIND_TRAITS[k][flag]) as KindsWhere<F>[]);

/** Kinds stored on their table, in registry order. */
export const TABLE_BOUND_KINDS: readonly TableBoundKind[] = kindsWhere('goesWithTable');
/** Kinds re-created around what they read, in registry order. */
export const DEPENDENT_KINDS: readonly DependentKind[] = kindsWhere('dependent');
/** Kinds whose drop takes the dependents that read them first. */
export const READ_BY_DEPENDENTS_KINDS: readonly ReadByDependentsKind[] = kindsWhere('readByDependents');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Every COMMENT ON target is some kind's: a target that no kind names does not compile.
const everyTargetUsed: Same<Registry[Kind]['commentOn'][number], CommentOn> = true;
void everyTargetUsed;

// The trait functions take the object of their own kind; looked up by `o.kind` they are called with it.
type Widened = { readonly [K in Kind]: { readonly schemaOf: (o: DbObject) => string; readonly parentOf: ((o: DbObject) => Parent) | null } };
const widened = KIND_TRAITS as unknown as Widened;

/** The schema an object lives in (a schema is in itself; a grant is where its object is). */
export function schemaOf(o: DbObject): string {
  return widened[o.kind].schemaOf(o);
}

/** What an object lives on, or null when it stands on its own. */
export function parentOf(o: DbObject): Parent | null {
  return widened[o.kind].parentOf?.(o) ?? null;
}
