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
