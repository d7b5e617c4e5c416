import type { Model, RangeType } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * ALTER TYPE changes only a range's name, owner, schema and comment; its multirange is renamed on
 * its own. Everything else is one alter too, which the plan makes by rebuilding the range with its
 * columns converted (plan/strategies/range-types.ts), rather than a drop and a create that the
 * columns of the type would block.
 */
export const RANGE_TYPE_RULES: FieldRules<RangeType> = {
  subtype: 'alter',
  subtypeOpclass: 'alter',
  collation: 'alter',
  canonical: 'alter',
  subtypeDiff: 'alter',
  multirangeName: 'alter',
  comment: 'alter',
  dependsOn: 'alter',
};

// What it is over and calls follows from its fields: it orders work and is never a change itself.
const RANGE_TYPE_EQUALS: FieldEquals<RangeType> = { dependsOn: () => true };

/** Fields only a rebuild can change (DROP TYPE and CREATE TYPE again). */
export function rangeNeedsRebuild(fields: readonly ComparedField<RangeType>[]): boolean {
  return fields.some((f) => f !== 'multirangeName' && f !== 'comment' && f !== 'dependsOn');
}

export function diffRangeTypes(from: Model, to: Model): ObjectDiff<RangeType> {
  return diffObjects(from['range-type'], to['range-type'], {
    what: 'range type',
    rules: RANGE_TYPE_RULES,
    equals: RANGE_TYPE_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'range-type.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'range-type.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({ kind: 'range-type.alter', id, from: a, to: b, fields: fields as ComparedField<RangeType>[] }),
    },
  });
}
