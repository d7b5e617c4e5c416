import type { Collation, Model } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** A collation has no ALTER for its definition: a change re-creates it. */
export const COLLATION_RULES: FieldRules<Collation> = {
  provider: 'recreate',
  locale: 'recreate',
  lcCollate: 'recreate',
  lcCtype: 'recreate',
  deterministic: 'recreate',
  comment: 'alter',
};

export function diffCollations(from: Model, to: Model): ObjectDiff<Collation> {
  return diffObjects(from.collation, to.collation, {
    what: 'collation',
    rules: COLLATION_RULES,
    make: {
      create: (id, obj): Change => ({ kind: 'collation.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'collation.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'collation.alter', id, from: a, to: b, fields: fields as ComparedField<Collation>[],
      }),
    },
  });
}
