import { objectId } from '../model/ids.js';
import type {
  CheckConstraint,
  Constraint,
  ConstraintType,
  ExclusionConstraint,
  ForeignKeyConstraint,
  Model,
  ObjectId,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import { compareFields, type FieldRules } from './guard.js';
import { diffKeyed } from './list.js';
import type { RenameContext } from './renames.js';

type ConstraintOf<T extends ConstraintType> = Extract<Constraint, { type: T }>;

/**
 * Validating a NOT VALID constraint is done in place (VALIDATE CONSTRAINT); a validated one can only
 * become NOT VALID by being added again.
 */
const validity = <C extends ForeignKeyConstraint | CheckConstraint>(_from: C, to: C): 'alter' | 'recreate' =>
  (to.notValid ? 'recreate' : 'alter');

type PartitionedKey = PrimaryKeyConstraint | UniqueConstraint | ExclusionConstraint;
const tableKey = (t: { schema: string; table: string }): string => `${t.schema}.${t.table}`;

/**
 * A partitioned table's key is completed in place, by attaching partitions' keys to it; one that is
 * to lack a partition it has now can only be added again ON ONLY (a key cannot be detached).
 */
const partitionCoverage = <C extends PartitionedKey>(from: C, to: C): 'alter' | 'recreate' => {
  const lacking = new Set((from.partitionsWithoutKey ?? []).map(tableKey));
  return (to.partitionsWithoutKey ?? []).every((p) => lacking.has(tableKey(p))) ? 'alter' : 'recreate';
};

/**
 * Constraints cannot be altered in place (beyond their comment, validation and a partition key's
 * attachment to its parent's index): any other change is drop + create.
 */
export const CONSTRAINT_RULES: { readonly [T in ConstraintType]: FieldRules<ConstraintOf<T>> } = {
  'primary-key': {
    type: 'recreate', columns: 'recreate', deferrable: 'recreate', initiallyDeferred: 'recreate', comment: 'alter',
    attachedTo: 'alter', partitionsWithoutKey: partitionCoverage,
  } satisfies FieldRules<PrimaryKeyConstraint>,
  unique: {
    type: 'recreate', columns: 'recreate', nullsNotDistinct: 'recreate', deferrable: 'recreate',
    initiallyDeferred: 'recreate', comment: 'alter', attachedTo: 'alter', partitionsWithoutKey: partitionCoverage,
  } satisfies FieldRules<UniqueConstraint>,
  'foreign-key': {
    type: 'recreate', columns: 'recreate', references: 'recreate', onDelete: 'recreate', onUpdate: 'recreate',
    match: 'recreate', deferrable: 'recreate', initiallyDeferred: 'recreate', comment: 'alter', notValid: validity,
  } satisfies FieldRules<ForeignKeyConstraint>,
  check: {
    type: 'recreate', expression: 'recreate', noInherit: 'recreate', deferrable: 'recreate',
    initiallyDeferred: 'recreate', comment: 'alter', notValid: validity,
  } satisfies FieldRules<CheckConstraint>,
  exclusion: {
    type: 'recreate', definition: 'recreate', deferrable: 'recreate', initiallyDeferred: 'recreate', comment: 'alter',
    attachedTo: 'alter', partitionsWithoutKey: partitionCoverage,
  } satisfies FieldRules<ExclusionConstraint>,
};

function compareConstraint(id: ObjectId, from: Constraint, to: Constraint) {
  if (from.type !== to.type) return { changed: ['type'], recreate: true };
  const rules = CONSTRAINT_RULES[to.type] as FieldRules<Constraint>;
  return compareFields(`constraint ${id}`, from, to, rules);
}

/** The constraint in desired-side names: its table, its columns and a foreign key's target renamed. */
export function projectConstraint(c: Constraint, renames: RenameContext): Constraint {
  const table = renames.table(c.schema, c.table);
  const partitions = (k: PartitionedKey) => (k.partitionsWithoutKey === undefined ? {}
    : { partitionsWithoutKey: k.partitionsWithoutKey.map((p) => ({ schema: p.schema, table: renames.table(p.schema, p.table) })) });
  switch (c.type) {
    // the server renames columns inside these texts itself; a renamed column reads as a new definition
    case 'check':
      return { ...c, table };
    case 'exclusion':
      return { ...c, table, ...partitions(c) };
    case 'primary-key':
    case 'unique':
      return { ...c, table, columns: c.columns.map((col) => renames.column(c.schema, c.table, col)), ...partitions(c) };
    case 'foreign-key': {
      const ref = c.references;
      const references = {
        schema: ref.schema,
        table: renames.table(ref.schema, ref.table),
        columns: ref.columns.map((col) => renames.column(ref.schema, ref.table, col)),
      };
      return { ...c, table, columns: c.columns.map((col) => renames.column(c.schema, c.table, col)), references };
    }
    default: {
      const never: never = c;
      throw new Error(`diff: unknown constraint ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A constraint named after its table whose table is renamed, declared under the name that follows
 * the new table name, is the same constraint: it is keyed by its new name in `projected` (its name
 * too, so the comparison sees no change) and its id returned, to be renamed rather than dropped and
 * added again (which would leave the table without its key in between, and fail where a foreign key
 * depends on it).
 */
function followTableRenames(
  projected: Map<ObjectId, Constraint>, original: Map<ObjectId, Constraint>, desired: ReadonlyMap<ObjectId, Constraint>, renames: RenameContext,
): Set<ObjectId> {
  const renamed = new Set<ObjectId>();
  for (const [id, c] of desired) {
    if (projected.has(id)) continue;
    const old = renames.nameBeforeTableRename(c.schema, c.table, c.name);
    if (old === null) continue;
    const oldId = objectId({ ...c, name: old });
    const current = projected.get(oldId);
    if (current === undefined || desired.has(oldId)) continue;
    projected.delete(oldId);
    projected.set(id, { ...current, name: c.name });
    original.set(id, original.get(oldId)!);
    original.delete(oldId);
    renamed.add(id);
  }
  return renamed;
}

/**
 * Drops carry the constraint as it is now (they run before any rename); creates and alters the
 * desired one. Matching uses ids in desired-side names.
 */
export function diffConstraints(from: Model, to: Model, renames: RenameContext): Change[] {
  const original = new Map<ObjectId, Constraint>();
  const projected = new Map<ObjectId, Constraint>();
  for (const c of from.constraint.values()) {
    const p = projectConstraint(c, renames);
    projected.set(objectId(p), p);
    original.set(objectId(p), c);
  }
  const renamed = followTableRenames(projected, original, to.constraint, renames);
  const keyed = diffKeyed(projected, to.constraint);
  const alters: Change[] = [];
  const drops: Change[] = [];
  const creates: Change[] = [];
  for (const [id, a, b] of keyed.common) {
    const cmp = compareConstraint(id, a, b);
    const current = original.get(id)!;
    if (cmp.recreate) {
      drops.push({ kind: 'constraint.drop', id: objectId(current), from: current });
      creates.push({ kind: 'constraint.create', id, to: b });
      continue;
    }
    if (renamed.has(id)) alters.push({ kind: 'constraint.rename', id, from: current, to: b });
    if (cmp.changed.length > 0) {
      alters.push({ kind: 'constraint.alter', id, from: current, to: b, fields: cmp.changed as ComparedField<Constraint>[] });
    }
  }
  for (const [id] of keyed.removed) {
    const current = original.get(id)!;
    drops.push({ kind: 'constraint.drop', id: objectId(current), from: current });
  }
  for (const [id, c] of keyed.added) creates.push({ kind: 'constraint.create', id, to: c });
  return [...alters, ...drops, ...creates];
}
