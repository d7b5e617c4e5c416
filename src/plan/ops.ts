import type { Aggregate, Collation, CompositeType, DefaultObjectType, Domain, EventTrigger, GrantTarget, Policy, RangeType, ReplicaIdentity, Routine, Rule, Statistics, Table, Trigger, TriggerState, View } from '../model/types.js';
import type { Publication, PublishActions, PublishedTable } from '../model/types.js';
import type {
  Column, Constraint, DefaultValue, Index, PrimaryKeyConstraint, SequenceOptions, UniqueConstraint,
} from '../model/types.js';
import { withoutHints, type HintField } from '../model/hints.js';

/**
 * Typed DDL operations: what a step does, with raw names. src/sql renders them; nothing else turns
 * them into text. Every node is frozen so a planned step cannot be edited after its hazards were set.
 */
export interface QName {
  readonly schema: string;
  readonly name: string;
}

/** A column inside CREATE TABLE / ADD COLUMN: the model column without hints. */
export type ColumnDef = Omit<Column, HintField>;

export type SequenceOwner = { readonly schema: string; readonly table: string; readonly column: string } | null;

/**
 * How existing values reach the new type: none (implicit), a cast, a cast through text (enums), or
 * for a scalar that becomes an array, a one-element array (NULL stays NULL) cast directly or through text.
 */
export type UsingCast = 'none' | 'cast' | 'via-text' | 'into-array' | 'into-array-via-text';

export type CommentTarget =
  | { readonly on: 'schema'; readonly name: string }
  | { readonly on: 'table' | 'type' | 'sequence' | 'index' | 'view' | 'materialized-view' | 'collation'; readonly object: QName }
  | { readonly on: 'column'; readonly table: QName; readonly column: string }
  | { readonly on: 'constraint'; readonly table: QName; readonly name: string }
  | { readonly on: 'trigger' | 'policy'; readonly table: QName; readonly name: string }
  | { readonly on: 'function' | 'procedure'; readonly routine: QName; readonly args: string }
  | { readonly on: 'event-trigger'; readonly name: string }
  | { readonly on: 'statistics'; readonly statistics: QName }
  | { readonly on: 'rule'; readonly table: QName; readonly name: string }
  | { readonly on: 'aggregate'; readonly aggregate: QName; readonly args: string }
  | { readonly on: 'publication'; readonly name: string };

export type IdentityOptions = Partial<SequenceOptions>;

/** An argument of a range's or multirange's constructor: a type as the model holds it, VARIADIC or not. */
export interface ConstructorArg {
  readonly type: string;
  readonly variadic: boolean;
}

/** One ALTER DOMAIN action. */
export type DomainAction =
  | { readonly kind: 'set-default'; readonly value: string | null }
  | { readonly kind: 'not-null'; readonly notNull: boolean }
  | { readonly kind: 'add-check'; readonly name: string; readonly definition: string }
  | { readonly kind: 'drop-check'; readonly name: string }
  | { readonly kind: 'rename'; readonly newName: string };

/** One ALTER TYPE action on a composite type. */
export type CompositeTypeAction =
  | { readonly kind: 'add-attribute'; readonly name: string; readonly type: string; readonly collation: string | null }
  | { readonly kind: 'drop-attribute'; readonly name: string }
  | { readonly kind: 'alter-attribute-type'; readonly name: string; readonly type: string; readonly collation: string | null }
  | { readonly kind: 'rename'; readonly newName: string };

export interface GrantFields {
  readonly target: GrantTarget;
  readonly grantee: string;
  readonly privileges: readonly string[];
  /** grant: WITH GRANT OPTION; revoke: only GRANT OPTION FOR. */
  readonly grantOption: boolean;
}

/** ALTER DEFAULT PRIVILEGES … GRANT/REVOKE; `privileges` 'ALL' restores or revokes a built-in default whatever the server version lists in it. */
export interface DefaultGrantFields {
  readonly role: string;
  readonly schema: string | null;
  readonly objectType: DefaultObjectType;
  readonly grantee: string;
  readonly privileges: readonly string[] | 'ALL';
  /** grant: WITH GRANT OPTION; revoke: only GRANT OPTION FOR. */
  readonly grantOption: boolean;
}

/**
 * How a sync trigger or copy computes the target column from a row: the source value as it is, the
 * source cast to the target type, or the schema's USING expression (evaluated over the row's columns).
 */
export type SyncMode = 'both' | 'derive' | 'fill';

export type SyncValue =
  | { readonly kind: 'copy' }
  | { readonly kind: 'cast'; readonly type: string; readonly using: Exclude<UsingCast, 'none'> }
  | { readonly kind: 'sql'; readonly text: string };

/** What CREATE TABLE says besides columns (see Table). */
export type TableOptions = Pick<Table, 'unlogged' | 'partitionBy' | 'partitionOf' | 'inherits'>;

/** One ALTER TABLE for a table-level property. */
export type TableOptionChange =
  | { readonly kind: 'logged'; readonly unlogged: boolean }
  | { readonly kind: 'attach'; readonly parent: QName; readonly bound: string }
  | { readonly kind: 'detach'; readonly parent: QName }
  | { readonly kind: 'inherit' | 'no-inherit'; readonly parent: QName }
  | { readonly kind: 'replica-identity'; readonly identity: ReplicaIdentity | 'default' }
  /** CLUSTER ON the index, or SET WITHOUT CLUSTER (null). */
  | { readonly kind: 'cluster'; readonly index: string | null };

export type Op =
  | { readonly kind: 'create-schema'; readonly name: string }
  | { readonly kind: 'drop-schema'; readonly name: string }
  | { readonly kind: 'create-extension'; readonly name: string; readonly schema: string; readonly version: string | null }
  | { readonly kind: 'update-extension'; readonly name: string; readonly version: string }
  | { readonly kind: 'drop-extension'; readonly name: string }
  | { readonly kind: 'create-enum'; readonly type: QName; readonly values: readonly string[] }
  | { readonly kind: 'add-enum-value'; readonly type: QName; readonly value: string; readonly before: string | null; readonly after: string | null }
  | { readonly kind: 'rename-enum'; readonly type: QName; readonly newName: string }
  | { readonly kind: 'drop-enum'; readonly type: QName }
  | { readonly kind: 'create-sequence'; readonly sequence: QName; readonly options: IdentityOptions }
  | { readonly kind: 'alter-sequence'; readonly sequence: QName; readonly options: IdentityOptions }
  | { readonly kind: 'set-sequence-owner'; readonly sequence: QName; readonly owner: SequenceOwner }
  | { readonly kind: 'drop-sequence'; readonly sequence: QName }
  | { readonly kind: 'rename-sequence'; readonly sequence: QName; readonly newName: string }
  /**
   * The identity sequence of `table`.`column` renamed from `from` (in the table's schema) to `newName`
   * where it still has that name and the new one is free: the model does not hold its name.
   */
  | { readonly kind: 'rename-identity-sequence'; readonly table: QName; readonly column: string; readonly from: string; readonly newName: string }
  | { readonly kind: 'create-table'; readonly table: QName; readonly columns: readonly ColumnDef[]; readonly options?: TableOptions }
  | { readonly kind: 'drop-table'; readonly table: QName }
  | { readonly kind: 'rename-table'; readonly table: QName; readonly newName: string }
  | { readonly kind: 'add-column'; readonly table: QName; readonly column: ColumnDef }
  /** `only`: the INHERITS children's copies stay, as columns of their own (ALTER TABLE ONLY). */
  | { readonly kind: 'drop-column'; readonly table: QName; readonly column: string; readonly only?: true }
  | { readonly kind: 'rename-column'; readonly table: QName; readonly column: string; readonly newName: string }
  | {
      readonly kind: 'alter-column-type'; readonly table: QName; readonly column: string; readonly type: string;
      readonly collation: string | null; readonly using: UsingCast | { readonly sql: string };
    }
  | { readonly kind: 'set-not-null'; readonly table: QName; readonly column: string }
  | { readonly kind: 'drop-not-null'; readonly table: QName; readonly column: string }
  /** Gives a column's NOT NULL constraint this name on PostgreSQL 18+; nothing on older servers, which have none. */
  /**
   * `detach`: the table is a partition whose NOT NULL may be inherited, which PostgreSQL 18 cannot
   * rename in place; the rename may detach the partition and attach it again (a planned hazard).
   */
  | { readonly kind: 'name-not-null'; readonly table: QName; readonly column: string; readonly name: string; readonly detach: boolean }
  // only: this table alone, not the INHERITS children the statement otherwise reaches
  | { readonly kind: 'set-default'; readonly table: QName; readonly column: string; readonly value: DefaultValue; readonly only?: true }
  | { readonly kind: 'drop-default'; readonly table: QName; readonly column: string; readonly only?: true }
  | {
      readonly kind: 'add-identity'; readonly table: QName; readonly column: string;
      readonly generation: 'always' | 'by-default'; readonly options: IdentityOptions;
    }
  | { readonly kind: 'drop-identity'; readonly table: QName; readonly column: string }
  | {
      readonly kind: 'set-identity'; readonly table: QName; readonly column: string;
      readonly generation: 'always' | 'by-default' | null; readonly options: IdentityOptions;
    }
  | { readonly kind: 'drop-expression'; readonly table: QName; readonly column: string }
  // only: ALTER TABLE ONLY, a partitioned table's key whose partitions' keys are attached one by one
  | { readonly kind: 'add-constraint'; readonly constraint: Constraint; readonly notValid: boolean; readonly only?: true }
  | { readonly kind: 'validate-constraint'; readonly table: QName; readonly name: string }
  | { readonly kind: 'drop-constraint'; readonly table: QName; readonly name: string }
  | { readonly kind: 'rename-constraint'; readonly table: QName; readonly name: string; readonly newName: string }
  | { readonly kind: 'create-index'; readonly index: Index; readonly concurrently: boolean }
  // cascade: only for a parent index that takes partitions' key constraints attached to it along
  | { readonly kind: 'drop-index'; readonly index: QName; readonly concurrently: boolean; readonly cascade?: true }
  | { readonly kind: 'rename-index'; readonly index: QName; readonly newName: string }
  | { readonly kind: 'attach-index'; readonly parent: QName; readonly index: QName }
  | { readonly kind: 'comment-on'; readonly target: CommentTarget; readonly comment: string | null }
  | { readonly kind: 'create-view'; readonly view: View }
  | { readonly kind: 'create-routine'; readonly routine: Routine }
  | { readonly kind: 'drop-routine'; readonly routine: QName; readonly args: string; readonly procedure: boolean }
  /** CREATE AGGREGATE, or with `replace` CREATE OR REPLACE AGGREGATE over the one of its argument types. */
  | { readonly kind: 'create-aggregate'; readonly aggregate: Aggregate; readonly replace: boolean }
  | { readonly kind: 'drop-aggregate'; readonly aggregate: QName; readonly args: string }
  | { readonly kind: 'create-trigger'; readonly trigger: Trigger }
  | { readonly kind: 'create-policy'; readonly policy: Policy }
  | { readonly kind: 'drop-policy'; readonly table: QName; readonly name: string }
  | {
      readonly kind: 'alter-policy'; readonly table: QName; readonly name: string;
      readonly roles: readonly string[] | null; readonly usingExpression: string | null; readonly withCheck: string | null;
    }
  | { readonly kind: 'create-collation'; readonly collation: Collation }
  | { readonly kind: 'create-domain'; readonly domain: Domain }
  | { readonly kind: 'drop-domain'; readonly domain: QName }
  | { readonly kind: 'alter-domain'; readonly domain: QName; readonly action: DomainAction }
  | { readonly kind: 'drop-collation'; readonly collation: QName }
  | { readonly kind: 'create-composite-type'; readonly type: CompositeType }
  | { readonly kind: 'drop-composite-type'; readonly type: QName }
  | { readonly kind: 'alter-composite-type'; readonly type: QName; readonly action: CompositeTypeAction }
  | { readonly kind: 'create-range-type'; readonly range: RangeType }
  | { readonly kind: 'drop-range-type'; readonly range: QName }
  /** ALTER TYPE … RENAME: a range, or its multirange (renamed on its own). */
  | { readonly kind: 'rename-range-type'; readonly type: QName; readonly newName: string }
  /** A constructor the server made for a range or multirange keeps its name when the type is renamed: it follows here. */
  | { readonly kind: 'rename-range-constructor'; readonly routine: QName; readonly args: readonly ConstructorArg[]; readonly newName: string }
  | ({ readonly kind: 'grant' } & GrantFields)
  | ({ readonly kind: 'revoke' } & GrantFields)
  | { readonly kind: 'set-table-option'; readonly table: QName; readonly option: TableOptionChange }
  | { readonly kind: 'set-row-security'; readonly table: QName; readonly setting: 'enable' | 'disable' | 'force' | 'no-force' }
  | { readonly kind: 'drop-trigger'; readonly table: QName; readonly name: string }
  | { readonly kind: 'set-trigger-state'; readonly table: QName; readonly name: string; readonly enabled: TriggerState }
  | { readonly kind: 'drop-view'; readonly view: QName; readonly materialized: boolean }
  | { readonly kind: 'set-view-options'; readonly view: QName; readonly set: readonly string[]; readonly reset: readonly string[] }
  | {
      /** Fills NULLs of a column in batches of `batchSize` rows (UPDATE … WHERE ctid IN (… LIMIT n)). */
      readonly kind: 'backfill-column'; readonly table: QName; readonly column: string;
      readonly value: string; readonly batchSize: number;
    }
  | {
      /** `CHECK (column IS NOT NULL) NOT VALID`: lets SET NOT NULL skip its scan once validated. */
      readonly kind: 'add-not-null-check'; readonly table: QName; readonly column: string; readonly name: string;
    }
  | {
      /** Adopts a unique index built CONCURRENTLY as a PRIMARY KEY or UNIQUE constraint (brief lock, no scan). */
      readonly kind: 'add-constraint-using-index'; readonly constraint: PrimaryKeyConstraint | UniqueConstraint;
      readonly index: string;
    }
  | {
      /**
       * A trigger (and its function) that keeps `target` in step with `source` from expand to
       * contract: 'both' copies either way (renames: either application version may write either
       * column), 'derive' always computes target from the row (type changes), 'fill' computes it
       * only when a write leaves it NULL (backfilled NOT NULL columns the old version does not know).
       */
      readonly kind: 'create-sync-trigger'; readonly table: QName; readonly name: string;
      readonly source: string; readonly target: string; readonly value: SyncValue; readonly mode: SyncMode;
      /**
       * What an unfinished migration already made of it (a database between expand and contract):
       * the function is then replaced rather than created, and an existing trigger is kept.
       */
      readonly left?: 'function' | 'function-and-trigger';
      /**
       * The function runs with the TimeZone of the session that creates it (SET … FROM CURRENT), not
       * the writing application's: a zone-dependent conversion then gives the values the batched
       * copy and a direct ALTER give, whoever writes the row.
       */
      readonly pinTimeZone: boolean;
    }
  | { readonly kind: 'drop-sync-trigger'; readonly table: QName; readonly name: string }
  | {
      /** Copies `source` into `target` in batches of rows where they still differ. */
      readonly kind: 'backfill-copy'; readonly table: QName; readonly source: string; readonly target: string;
      readonly value: SyncValue; readonly batchSize: number;
    }
  | {
      /** A view under a renamed table's old name, so the running application keeps working (auto-updatable). */
      readonly kind: 'create-compat-view'; readonly view: QName; readonly table: QName;
    }
  | { readonly kind: 'drop-compat-view'; readonly view: QName }
  /**
   * Ops of a table rebuilt with its rows (columnOrder 'exact'): writes wait from the lock on, the rows
   * and the identity counters are held in plain tables beside it, and come back into the new table.
   * A one-shot script leaves the lock out: psql autocommits, and LOCK outside a transaction fails.
   */
  | { readonly kind: 'lock-table'; readonly table: QName; readonly mode: 'share' }
  | { readonly kind: 'hold-rows'; readonly table: QName; readonly holding: QName }
  | { readonly kind: 'hold-identity-counters'; readonly table: QName; readonly holding: QName; readonly columns: readonly string[] }
  | { readonly kind: 'restore-rows'; readonly table: QName; readonly holding: QName; readonly columns: readonly RestoredColumn[] }
  | {
      /** `held`: the column of the holding table (the old column's name) that `column`'s counter was saved in. */
      readonly kind: 'restore-identity-counters'; readonly table: QName; readonly holding: QName;
      readonly columns: readonly { readonly column: string; readonly held: string }[];
    }
  | ({ readonly kind: 'grant-default-privileges' } & DefaultGrantFields)
  | ({ readonly kind: 'revoke-default-privileges' } & DefaultGrantFields)
  | { readonly kind: 'create-event-trigger'; readonly trigger: EventTrigger }
  | { readonly kind: 'drop-event-trigger'; readonly name: string }
  | { readonly kind: 'set-event-trigger-state'; readonly name: string; readonly enabled: TriggerState }
  | { readonly kind: 'create-publication'; readonly publication: Publication }
  | { readonly kind: 'drop-publication'; readonly name: string }
  /** ALTER PUBLICATION … ADD / DROP / SET its tables and schemas (SET replaces both lists). */
  | {
      readonly kind: 'alter-publication-objects'; readonly name: string; readonly action: 'add' | 'drop' | 'set';
      readonly tables: readonly PublishedTable[]; readonly schemas: readonly string[];
    }
  /** ALTER PUBLICATION … SET (publish = …, publish_via_partition_root = …[, publish_generated_columns = …]). */
  | {
      readonly kind: 'set-publication-options'; readonly name: string; readonly publish: PublishActions;
      readonly viaRoot: boolean; readonly generatedColumns: 'none' | 'stored' | null;
    }
  | { readonly kind: 'create-statistics'; readonly statistics: Statistics }
  /** `table`: the relation whose lock it takes. */
  | { readonly kind: 'drop-statistics'; readonly statistics: QName; readonly table: QName }
  /** ALTER STATISTICS … SET STATISTICS; null sets the server's default back. */
  | { readonly kind: 'set-statistics-target'; readonly statistics: QName; readonly target: number | null }
  /** `replace`: CREATE OR REPLACE RULE, a new definition for the rule of that name on the same relation. */
  | { readonly kind: 'create-rule'; readonly rule: Rule; readonly replace: boolean }
  | { readonly kind: 'drop-rule'; readonly table: QName; readonly name: string }
  | { readonly kind: 'set-rule-state'; readonly table: QName; readonly name: string; readonly enabled: TriggerState };

/** A column of a rebuilt table and where its values come from: a held column, or the schema's USING. */
export interface RestoredColumn {
  readonly name: string;
  readonly value:
    | { readonly kind: 'column'; readonly name: string }
    | { readonly kind: 'cast'; readonly name: string; readonly type: string; readonly using: Exclude<UsingCast, 'none'> }
    | { readonly kind: 'sql'; readonly text: string };
}

export type OpKind = Op['kind'];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

/** Builds a frozen op node (kysely-style factory: `op('drop-table', { table })`). */
export function op<K extends OpKind>(kind: K, fields: Omit<OpOf<K>, 'kind'>): OpOf<K> {
  return Object.freeze({ kind, ...fields }) as OpOf<K>;
}

export function qname(schema: string, name: string): QName {
  return Object.freeze({ schema, name });
}

export function columnDef(col: Column): ColumnDef {
  return Object.freeze(withoutHints(col));
}
