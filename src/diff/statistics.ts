import type { Model, Statistics } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * Only the statistics target has an ALTER; anything else is a drop and create, which costs nothing
 * but the gathered numbers, and the next ANALYZE gathers them again.
 */
export const STATISTICS_RULES: FieldRules<Statistics> = {
  tableSchema: 'recreate',
  tableName: 'recreate',
  kinds: 'recreate',
  columns: 'recreate',
  expressions: 'recreate',
  target: 'alter',
  comment: 'alter',
  // Its table and columns, which are compared above.
  dependsOn: 'alter',
};

const STATISTICS_EQUALS: FieldEquals<Statistics> = { dependsOn: () => true };

export function diffStatistics(from: Model, to: Model): ObjectDiff<Statistics> {
  return diffObjects(from.statistics, to.statistics, {
    what: 'statistics',
    rules: STATISTICS_RULES,
    equals: STATISTICS_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'statistics.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'statistics.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'statistics.alter', id, from: a, to: b, fields: fields as ComparedField<Statistics>[],
      }),
    },
  });
}
