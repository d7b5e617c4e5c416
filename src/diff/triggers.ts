import type { Model, Trigger } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** A trigger's definition has no ALTER; its state (ENABLE/DISABLE) and comment do. */
export const TRIGGER_RULES: FieldRules<Trigger> = {
  definition: 'recreate',
  enabled: 'alter',
  comment: 'alter',
  // Its table and function: named in the definition, which is compared.
  dependsOn: 'alter',
};

const TRIGGER_EQUALS: FieldEquals<Trigger> = { dependsOn: () => true };

export function diffTriggers(from: Model, to: Model): ObjectDiff<Trigger> {
  return diffObjects(from.trigger, to.trigger, {
    what: 'trigger',
    rules: TRIGGER_RULES,
    equals: TRIGGER_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'trigger.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'trigger.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'trigger.alter', id, from: a, to: b, fields: fields as ComparedField<Trigger>[],
      }),
    },
  });
}
