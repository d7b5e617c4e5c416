import { objectId } from '../model/ids.js';
import type { Aggregate, Model, ObjectId } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * CREATE OR REPLACE AGGREGATE (PostgreSQL 14+) rewrites every option in place, but refuses another
 * kind (plain, ordered-set, hypothetical), other argument names or another result type: those
 * re-create it, with the views and functions that call it.
 */
export const AGGREGATE_RULES: FieldRules<Aggregate> = {
  args: 'recreate',
  // Follows from `args`, which is part of the id.
  argTypes: 'recreate',
  signature: 'recreate',
  aggKind: 'recreate',
  returns: 'recreate',
  sfunc: 'alter',
  stype: 'alter',
  sspace: 'alter',
  finalfunc: 'alter',
  finalfuncExtra: 'alter',
  finalfuncModify: 'alter',
  combinefunc: 'alter',
  serialfunc: 'alter',
  deserialfunc: 'alter',
  initcond: 'alter',
  msfunc: 'alter',
  minvfunc: 'alter',
  mstype: 'alter',
  msspace: 'alter',
  mfinalfunc: 'alter',
  mfinalfuncExtra: 'alter',
  mfinalfuncModify: 'alter',
  minitcond: 'alter',
  sortop: 'alter',
  parallel: 'alter',
  comment: 'alter',
  // Read from pg_depend; follows from the support functions, which are compared.
  dependsOn: 'alter',
};

const AGGREGATE_EQUALS: FieldEquals<Aggregate> = { dependsOn: () => true };

/**
 * The id of the aggregate or function on the other side that the server takes for this one (same
 * schema, name and argument types: other argument names, or a plain function in its place), or null.
 * CREATE OR REPLACE cannot turn one into the other, so the old one must be gone before the new one
 * is created.
 */
export function aggregateCounterpartIn(side: Model, a: Aggregate): ObjectId | null {
  const same = (o: { readonly schema: string; readonly name: string; readonly argTypes: string }): boolean =>
    o.schema === a.schema && o.name === a.name && o.argTypes === a.argTypes;
  for (const other of side.aggregate.values()) if (same(other)) return objectId(other);
  for (const other of side.function.values()) if (same(other)) return objectId(other);
  return null;
}

export function diffAggregates(from: Model, to: Model): ObjectDiff<Aggregate> {
  return diffObjects(from.aggregate, to.aggregate, {
    what: 'aggregate',
    rules: AGGREGATE_RULES,
    equals: AGGREGATE_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'aggregate.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'aggregate.drop', id, from: obj, replacedBy: aggregateCounterpartIn(to, obj) }),
      alter: (id, a, b, fields): Change => ({
        kind: 'aggregate.alter', id, from: a, to: b, fields: fields as ComparedField<Aggregate>[],
      }),
    },
  });
}
