import type { Model, View } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * A changed query or kind rebuilds the view: CREATE OR REPLACE VIEW only allows appending columns,
 * and a materialized view has no OR REPLACE at all. Options and the comment change in place.
 */
export const VIEW_RULES: FieldRules<View> = {
  materialized: 'recreate',
  definition: 'recreate',
  with: (from, to) => (from.materialized || to.materialized ? 'recreate' : 'alter'),
  comment: 'alter',
  columnComments: 'alter',
  // Derived from the definition, which is compared; only the planner's ordering reads it.
  dependsOn: 'alter',
};

const VIEW_EQUALS: FieldEquals<View> = {
  dependsOn: () => true,
};

export function diffViews(from: Model, to: Model): ObjectDiff<View> {
  return diffObjects(from.view, to.view, {
    what: 'view',
    rules: VIEW_RULES,
    equals: VIEW_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'view.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'view.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'view.alter', id, from: a, to: b, fields: fields as ComparedField<View>[],
      }),
    },
  });
}
