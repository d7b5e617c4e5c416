import { objectId } from '../model/ids.js';
import type { EnumType, Model } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';
import { previousIdVia } from './renames.js';

// Value changes are planned as ADD VALUE or as a rebuild of the type; either way the type survives.
export const ENUM_RULES: FieldRules<EnumType> = { values: 'alter', comment: 'alter' };

export function diffEnums(from: Model, to: Model): ObjectDiff<EnumType> {
  return diffObjects(from.enum, to.enum, {
    what: 'enum',
    rules: ENUM_RULES,
    previousId: previousIdVia<EnumType>(objectId),
    make: {
      create: (id, obj): Change => ({ kind: 'enum.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'enum.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'enum.alter', id, from: a, to: b, fields: fields as ComparedField<EnumType>[],
      }),
      rename: (id, a, b): Change => ({ kind: 'enum.rename', id, from: a, to: b }),
    },
  });
}
