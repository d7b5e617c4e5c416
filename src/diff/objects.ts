import type { ObjectId } from '../model/types.js';
import type { Change } from './change.js';
import { compareFields, type FieldEquals, type FieldRules } from './guard.js';
import { diffKeyed } from './list.js';

/** How one kind's changes are built; each kind file supplies correctly typed constructors. */
export interface ChangeMakers<T> {
  create(id: ObjectId, to: T): Change;
  drop(id: ObjectId, from: T): Change;
  alter(id: ObjectId, from: T, to: T, fields: readonly string[]): Change;
  /** Absent for kinds that cannot be renamed from a hint. */
  rename?(id: ObjectId, from: T, to: T): Change;
  /**
   * One change for an object that keeps its id but must be dropped and created again; absent for
   * kinds whose drop + create pair needs no coordination beyond the slot order.
   */
  recreate?(id: ObjectId, from: T, to: T, fields: readonly string[]): Change;
}

export interface ObjectDiffSpec<T extends object> {
  readonly what: string;
  readonly rules: FieldRules<T>;
  readonly equals?: FieldEquals<T>;
  readonly make: ChangeMakers<T>;
  /** The id the object had before a rename hint, or null when it carries none. */
  readonly previousId?: (to: T) => ObjectId | null;
  /**
   * Rewrites a current-side object into the names the desired side uses (after table, column and
   * enum renames) so that renames alone do not read as changes.
   */
  readonly project?: (from: T) => T;
  /** False when the object moved to another parent (an index onto another table): recreate it. */
  readonly sameParent?: (from: T, to: T) => boolean;
}

export interface ObjectDiff<T> {
  readonly changes: readonly Change[];
  readonly dropped: readonly (readonly [ObjectId, T])[];
  readonly created: readonly (readonly [ObjectId, T])[];
  /** Old id → new object, for hinted renames that were applied. */
  readonly renamed: ReadonlyMap<ObjectId, T>;
}

function hintedRenames<T extends object>(
  from: ReadonlyMap<ObjectId, T>,
  to: ReadonlyMap<ObjectId, T>,
  previousId: ((to: T) => ObjectId | null) | undefined,
): Map<ObjectId, readonly [ObjectId, T]> {
  const pairs = new Map<ObjectId, readonly [ObjectId, T]>();
  if (!previousId) return pairs;
  for (const [id, obj] of to) {
    const old = previousId(obj);
    if (old === null || from.has(id) || !from.has(old) || to.has(old) || pairs.has(old)) continue;
    pairs.set(old, [id, obj]);
  }
  return pairs;
}

/** Creates, drops, alters and hinted renames for one keyed collection, in key order. */
export function diffObjects<T extends object>(
  from: ReadonlyMap<ObjectId, T>,
  to: ReadonlyMap<ObjectId, T>,
  spec: ObjectDiffSpec<T>,
): ObjectDiff<T> {
  const renames = hintedRenames(from, to, spec.previousId);
  const renamedNew = new Set([...renames.values()].map(([id]) => id));
  const fromRest = new Map([...from].filter(([id]) => !renames.has(id)));
  const toRest = new Map([...to].filter(([id]) => !renamedNew.has(id)));
  const keyed = diffKeyed(fromRest, toRest);
  const changes: Change[] = [];
  const dropped: (readonly [ObjectId, T])[] = [...keyed.removed];
  const created: (readonly [ObjectId, T])[] = [...keyed.added];
  const renamed = new Map<ObjectId, T>();
  const pairs: (readonly [ObjectId, ObjectId, T, T])[] = [
    ...keyed.common.map(([id, a, b]) => [id, id, a, b] as const),
    ...[...renames].map(([old, [id, obj]]) => [old, id, from.get(old)!, obj] as const),
  ];
  for (const [oldId, id, current, desired] of pairs) {
    const projected = spec.project ? spec.project(current) : current;
    const cmp = compareFields(`${spec.what} ${id}`, projected, desired, spec.rules, spec.equals);
    const moved = spec.sameParent ? !spec.sameParent(projected, desired) : false;
    if (cmp.recreate && !moved && oldId === id && spec.make.recreate) {
      changes.push(spec.make.recreate(id, current, desired, cmp.changed as readonly string[]));
      continue;
    }
    if (cmp.recreate || moved) {
      dropped.push([oldId, current]);
      created.push([id, desired]);
      continue;
    }
    if (oldId !== id && spec.make.rename) {
      changes.push(spec.make.rename(id, current, desired));
      renamed.set(oldId, desired);
    }
    if (cmp.changed.length > 0) changes.push(spec.make.alter(id, current, desired, cmp.changed as readonly string[]));
  }
  for (const [id, obj] of dropped) changes.push(spec.make.drop(id, obj));
  for (const [id, obj] of created) changes.push(spec.make.create(id, obj));
  return { changes, dropped, created, renamed };
}
