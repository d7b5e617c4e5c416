import type { Model, Routine } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * CREATE OR REPLACE can change a body and its attributes, but not the result type, the argument
 * names or defaults, nor turn a function into a procedure: those re-create it (with its dependents).
 */
export const ROUTINE_RULES: FieldRules<Routine> = {
  args: 'recreate',
  procedure: 'recreate',
  signature: 'recreate',
  returns: 'recreate',
  definition: 'alter',
  comment: 'alter',
  // Read from pg_depend; follows from the definition, which is compared.
  dependsOn: 'alter',
};

const ROUTINE_EQUALS: FieldEquals<Routine> = { dependsOn: () => true };

export function diffRoutines(from: Model, to: Model): ObjectDiff<Routine> {
  return diffObjects(from.function, to.function, {
    what: 'function',
    rules: ROUTINE_RULES,
    equals: ROUTINE_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'function.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'function.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'function.alter', id, from: a, to: b, fields: fields as ComparedField<Routine>[],
      }),
    },
  });
}
