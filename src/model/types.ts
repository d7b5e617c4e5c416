/**
 * The schema model: pure data shared by every stage of the pipeline.
 *
 * Names are raw (never quoted). Expressions (defaults, checks, index expressions and predicates)
 * hold SQL text; once a model has been normalized (desired) or introspected (live) that text is the
 * form the server prints, so two models can be compared field by field.
 */

export type ObjectId = string;

/** Every kind of object the model holds. Dispatch tables are keyed by it; the registry (kinds.ts) lists each one's traits. */
export type Kind = DbObject['kind'];

export { KINDS } from './kinds.js';

/** Hints that only the desired side carries; they never take part in comparisons. */
export interface Hints {
  /** The object's previous name (same schema; for columns, the previous column name). */
  readonly renamedFrom?: string;
}

export interface SchemaObj {
  readonly kind: 'schema';
  readonly name: string;
  readonly comment: string | null;
}

export interface Extension {
  readonly kind: 'extension';
  readonly name: string;
  readonly schema: string;
  /** null in a desired model means "whatever version the server installs by default". */
  readonly version: string | null;
}

export interface EnumType extends Hints {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly comment: string | null;
}

export interface SequenceOptions {
  /** 'smallint' | 'integer' | 'bigint' */
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface Sequence {
  readonly kind: 'sequence';
  readonly schema: string;
  readonly name: string;
  /** null fields in a desired model mean "the server default". Introspected models fill them all. */
  readonly options: Partial<SequenceOptions>;
  readonly ownedBy: { readonly table: string; readonly column: string } | null;
  readonly comment: string | null;
}

/** A column default: server-printed SQL text, or a literal value the SQL layer quotes. */
export type DefaultValue =
  | { readonly kind: 'sql'; readonly text: string }
  | { readonly kind: 'literal'; readonly value: string | number | boolean };

export interface Identity {
  readonly generation: 'always' | 'by-default';
  /** Options of the identity's sequence; the same "partial means default" rule as sequences. */
  readonly options: Partial<SequenceOptions>;
}

export type ColumnStrategy = 'online' | 'direct';

export interface Column extends Hints {
  readonly name: string;
  /** The type as format_type prints it, e.g. `character varying(20)`, `integer[]`, `public.mood`. */
  readonly type: string;
  readonly notNull: boolean;
  /**
   * The name of the NOT NULL constraint (PostgreSQL 18+ names them), only when it is not the server's
   * default `<table>_<column>_not_null`: a table renamed, created under another name or detached keeps
   * its old names. Older servers have no names, and reading the default as absent keeps models of the
   * same schema equal across versions. Never set when notNull is false.
   */
  readonly notNullName?: string;
  readonly default: DefaultValue | null;
  readonly identity: Identity | null;
  /** Expression of a STORED generated column. */
  readonly generated: string | null;
  /** A collation other than the type's default, qualified (`pg_catalog."C"` prints as `C`). */
  readonly collation: string | null;
  readonly comment: string | null;
  /** Planner-only: how to fill existing rows when the column becomes NOT NULL. Not compared. */
  readonly backfill?: string;
  /**
   * Planner-only: how a rename or type change reaches the database. 'online' (the default) keeps the
   * old and new column in sync with a trigger until contract; 'direct' is one ALTER, flagged. Not compared.
   */
  readonly strategy?: ColumnStrategy;
  /** Planner-only: the USING expression that converts existing values on a type change. Not compared. */
  readonly using?: string;
}

export type ReplicaIdentity = 'full' | 'nothing' | { readonly index: string };

export interface Table extends Hints {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly comment: string | null;
  /** ENABLE ROW LEVEL SECURITY; absent means off. */
  readonly rowSecurity?: true;
  /** FORCE ROW LEVEL SECURITY (applies to the owner too); absent means off. */
  readonly forceRowSecurity?: true;
  /** UNLOGGED; absent means logged. */
  readonly unlogged?: true;
  /** The partition key of a partitioned table as pg_get_partkeydef prints it, e.g. `RANGE (logdate)`. */
  readonly partitionBy?: string;
  /**
   * Set on a partition: its parent and bound (`FOR VALUES …` or `DEFAULT`). A partition's columns
   * are its parent's; they are listed, but only compared once it is detached.
   */
  readonly partitionOf?: { readonly schema: string; readonly table: string; readonly bound: string };
  /** Parents of a table created with INHERITS, in order; its model lists only its own columns. */
  readonly inherits?: readonly { readonly schema: string; readonly table: string }[];
  /** REPLICA IDENTITY other than DEFAULT. */
  readonly replicaIdentity?: ReplicaIdentity;
  /**
   * The index that CLUSTER without an index name uses (ALTER TABLE … CLUSTER ON, pg_index.indisclustered):
   * a plain index or one backing a primary key, unique or exclusion constraint. Absent means none.
   */
  readonly clusterOn?: string;
}

export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

interface ConstraintBase {
  readonly kind: 'constraint';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly comment: string | null;
}

/**
 * A partition's key constraint of its own (not a clone of a parent's constraint) whose index is
 * attached to a plain partitioned index of the parent table: `attachedTo` names that parent index.
 * The constraint then lives and dies with the parent index, like an attached index (Index.attachedTo).
 */
interface AttachableKey {
  readonly attachedTo?: string;
  /**
   * On a partitioned table's key added ON ONLY (ALTER TABLE ONLY … ADD CONSTRAINT): the partitions
   * whose own key is not attached to it yet, sorted. The key's index stays invalid, and the key is
   * not enforced there, until each of them is attached (ALTER INDEX … ATTACH PARTITION). Absent when
   * every partition has it.
   */
  readonly partitionsWithoutKey?: readonly { readonly schema: string; readonly table: string }[];
}

export interface PrimaryKeyConstraint extends ConstraintBase, AttachableKey {
  readonly type: 'primary-key';
  readonly columns: readonly string[];
}

export interface UniqueConstraint extends ConstraintBase, AttachableKey {
  readonly type: 'unique';
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
}

export interface ForeignKeyConstraint extends ConstraintBase {
  readonly type: 'foreign-key';
  readonly columns: readonly string[];
  readonly references: { readonly schema: string; readonly table: string; readonly columns: readonly string[] };
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  readonly match: 'simple' | 'full';
  /** Added NOT VALID and not validated since (pg_constraint.convalidated false); absent means validated. */
  readonly notValid?: true;
}

export interface CheckConstraint extends ConstraintBase {
  readonly type: 'check';
  /** The boolean expression, without the surrounding CHECK (…). */
  readonly expression: string;
  readonly noInherit: boolean;
  /** Added NOT VALID and not validated since (pg_constraint.convalidated false); absent means validated. */
  readonly notValid?: true;
}

/**
 * EXCLUDE: the definition is what follows `EXCLUDE ` in pg_get_constraintdef (access method, elements
 * with their operators, INCLUDE, WITH, WHERE), without the deferral clauses, which are the flags.
 * Its backing index belongs to it and is not listed among the indexes.
 */
export interface ExclusionConstraint extends ConstraintBase, AttachableKey {
  readonly type: 'exclusion';
  /** e.g. `USING gist (c WITH &&) WHERE ((active = true))`. */
  readonly definition: string;
}

export type Constraint = PrimaryKeyConstraint | UniqueConstraint | ForeignKeyConstraint | CheckConstraint | ExclusionConstraint;
export type ConstraintType = Constraint['type'];

export interface IndexKey {
  /** Either a column name or an expression (server text); exactly one is set. */
  readonly column: string | null;
  readonly expression: string | null;
  /** Operator class when it is not the type's default, qualified unless in pg_catalog. */
  readonly opclass: string | null;
  /** Collation when it differs from the column's. */
  readonly collation: string | null;
  readonly descending: boolean;
  /** NULLS FIRST; the server default is true for DESC keys and false otherwise. */
  readonly nullsFirst: boolean;
}

export interface Index extends Hints {
  readonly kind: 'index';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  /** btree, hash, gin, gist, brin, spgist, or an extension's access method. */
  readonly method: string;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  /** Predicate of a partial index, without WHERE. */
  readonly where: string | null;
  /** Storage parameters as `name=value`, sorted. */
  readonly with: readonly string[];
  readonly comment: string | null;
  /**
   * Set (true) only on a live index that a failed CREATE INDEX CONCURRENTLY left INVALID: it is not
   * used by queries and does not enforce uniqueness, so the plan rebuilds it.
   */
  readonly invalid?: true;
  /**
   * On a partition's index: the name of the parent table's partitioned index it is attached to
   * (ALTER INDEX … ATTACH PARTITION, or created with the parent's). Absent on an index of the
   * partition's own, which the parent's indexes leave alone.
   */
  readonly attachedTo?: string;
}

/**
 * A view or materialized view. The definition is compared as pg_get_viewdef prints it; dependsOn is
 * derived from it by the server (pg_depend through the view's rewrite rule) and only orders work.
 */
export interface View {
  readonly kind: 'view';
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  /** The SELECT as the server prints it, without a trailing semicolon. */
  readonly definition: string;
  /** Storage and view options (`security_barrier=true`, `check_option=local`), sorted. */
  readonly with: readonly string[];
  readonly comment: string | null;
  /**
   * Ids of what the definition reads: `table:`, `view:` and `column:` ids (and `function:` ids once
   * functions are modelled). Not compared: it follows from the definition.
   */
  readonly dependsOn: readonly ObjectId[];
}

/** A function or procedure; overloads are told apart by their argument types (`args`). */
export interface Routine {
  readonly kind: 'function';
  readonly schema: string;
  readonly name: string;
  /** The argument types that identify it, as pg_get_function_identity_arguments prints them. */
  readonly args: string;
  readonly procedure: boolean;
  /** Arguments with names and defaults (pg_get_function_arguments): OR REPLACE cannot change them. */
  readonly signature: string;
  /** The result type (pg_get_function_result); null for a procedure. */
  readonly returns: string | null;
  /** The whole CREATE OR REPLACE statement as pg_get_functiondef prints it. */
  readonly definition: string;
  readonly comment: string | null;
  /** Ids of what its body reads when the server tracks it (SQL-standard bodies). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}

export type TriggerState = 'origin' | 'disabled' | 'replica' | 'always';

export interface Trigger {
  readonly kind: 'trigger';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** The CREATE [CONSTRAINT] TRIGGER statement as pg_get_triggerdef prints it. */
  readonly definition: string;
  /** ENABLE (origin), DISABLE, ENABLE REPLICA, ENABLE ALWAYS. */
  readonly enabled: TriggerState;
  readonly comment: string | null;
  /** Its table and function ids. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}

/** A domain: a base type with a default, NOT NULL and named CHECK constraints. */
export interface Domain {
  readonly kind: 'domain';
  readonly schema: string;
  readonly name: string;
  /** format_type of the base type. */
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly collation: string | null;
  /** CHECK constraints by name, expressions as the server prints them (`CHECK (VALUE > 0)`), sorted by name. */
  readonly checks: readonly { readonly name: string; readonly definition: string }[];
  readonly comment: string | null;
  /** Functions its default and checks call (pg_depend), so that they exist first. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}

/** A collation created with CREATE COLLATION. */
export interface Collation {
  readonly kind: 'collation';
  readonly schema: string;
  readonly name: string;
  /** libc, icu or builtin. */
  readonly provider: string;
  /** The locale when collate and ctype are the same (or for ICU), else null. */
  readonly locale: string | null;
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  readonly comment: string | null;
}

/** What a GRANT is on. Views and partitioned tables are granted ON TABLE. */
export type GrantTarget =
  | { readonly on: 'schema'; readonly name: string }
  | { readonly on: 'table' | 'view' | 'sequence'; readonly schema: string; readonly name: string }
  | { readonly on: 'column'; readonly schema: string; readonly table: string; readonly column: string }
  | { readonly on: 'function'; readonly schema: string; readonly name: string; readonly args: string };

/**
 * The privileges one role (or `public`) holds on one object, other than its owner's. Objects whose
 * ACL was never changed read as their defaults (acldefault), e.g. EXECUTE on functions to public.
 * Roles are assumed to exist.
 */
export interface Privilege {
  readonly kind: 'privilege';
  readonly target: GrantTarget;
  readonly grantee: string;
  /** Privilege names as GRANT spells them (`SELECT`, `EXECUTE`, …), sorted. */
  readonly privileges: readonly string[];
  /** Those held WITH GRANT OPTION, sorted. */
  readonly grantable: readonly string[];
  /** The id of the object it is on. Not compared. */
  readonly dependsOn: readonly ObjectId[];
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

/** A row-level security policy. */
export interface Policy {
  readonly kind: 'policy';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  /** PERMISSIVE (true) or RESTRICTIVE. */
  readonly permissive: boolean;
  readonly command: PolicyCommand;
  /** Role names, sorted; `public` for PUBLIC. */
  readonly roles: readonly string[];
  /** USING expression as the server prints it. */
  readonly usingExpression: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
  /** Columns and functions its expressions read (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}

export type DbObject = SchemaObj | Extension | EnumType | Sequence | Table | Constraint | Index | View | Routine | Trigger | Policy | Privilege | Collation | Domain;
export type ObjectOf<K extends Kind> = Extract<DbObject, { kind: K }>;

/**
 * A whole database schema: one keyed collection per kind. `notNullNames: false` marks a model read
 * from a server before PostgreSQL 18, which cannot hold NOT NULL constraint names.
 */
export type Model = { readonly [K in Kind]: ReadonlyMap<ObjectId, ObjectOf<K>> } & { readonly notNullNames?: false };
