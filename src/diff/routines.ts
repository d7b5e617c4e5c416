import { objectId } from '../model/ids.js';
import type { Model, ObjectId, Routine } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * CREATE OR REPLACE can change a body and its attributes, but not the result type, the argument
 * names or defaults, nor turn a function into a procedure: those re-create it (with its dependents).
 */
export const ROUTINE_RULES: FieldRules<Routine> = {
  args: 'recreate',
  // Follows from `args`, which is part of the id.
  argTypes: 'recreate',
  procedure: 'recreate',
  signature: 'recreate',
  returns: 'recreate',
  definition: 'alter',
  comment: 'alter',
  // Read from pg_depend; follows from the definition, which is compared.
  dependsOn: 'alter',
};

const ROUTINE_EQUALS: FieldEquals<Routine> = { dependsOn: () => true };

/** Whether the server takes both for one routine: CREATE OR REPLACE of one finds the other. */
export function sameRoutine(a: Routine, b: Routine): boolean {
  return a.schema === b.schema && a.name === b.name && a.argTypes === b.argTypes;
}

/**
 * The id of the routine on the other side that the server takes for this one, or null: a function
 * or procedure, or an aggregate in its place (one pg_proc entry per name and argument types). Two
 * routines of one side never share their argument types, so there is at most one.
 */
export function counterpartIn(side: Model, r: Routine): ObjectId | null {
  for (const other of side.function.values()) if (sameRoutine(r, other)) return objectId(other);
  for (const other of side.aggregate.values()) {
    if (other.schema === r.schema && other.name === r.name && other.argTypes === r.argTypes) return objectId(other);
  }
  return null;
}

export function diffRoutines(from: Model, to: Model): ObjectDiff<Routine> {
  return diffObjects(from.function, to.function, {
    what: 'function',
    rules: ROUTINE_RULES,
    equals: ROUTINE_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'function.create', id, to: obj, replaces: counterpartIn(from, obj) }),
      drop: (id, obj): Change => ({ kind: 'function.drop', id, from: obj, replacedBy: counterpartIn(to, obj) }),
      alter: (id, a, b, fields): Change => ({
        kind: 'function.alter', id, from: a, to: b, fields: fields as ComparedField<Routine>[],
      }),
    },
  });
}
