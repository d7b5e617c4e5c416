import type { EventTrigger, Model } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** ALTER EVENT TRIGGER changes only its state (and owner and name); COMMENT ON its comment. */
export const EVENT_TRIGGER_RULES: FieldRules<EventTrigger> = {
  event: 'recreate',
  tags: 'recreate',
  function: 'recreate',
  enabled: 'alter',
  comment: 'alter',
  // Its function's id: the function is compared.
  dependsOn: 'alter',
};

const EVENT_TRIGGER_EQUALS: FieldEquals<EventTrigger> = { dependsOn: () => true };

export function diffEventTriggers(from: Model, to: Model): ObjectDiff<EventTrigger> {
  return diffObjects(from['event-trigger'], to['event-trigger'], {
    what: 'event trigger',
    rules: EVENT_TRIGGER_RULES,
    equals: EVENT_TRIGGER_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'event-trigger.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'event-trigger.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'event-trigger.alter', id, from: a, to: b, fields: fields as ComparedField<EventTrigger>[],
      }),
    },
  });
}
