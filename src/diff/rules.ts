import type { Model, Rule } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** CREATE OR REPLACE RULE takes a new definition on the same relation; ENABLE/DISABLE and comments alter too. */
export const RULE_RULES: FieldRules<Rule> = {
  definition: 'alter',
  enabled: 'alter',
  comment: 'alter',
  // Its relation and what it reads: named in the definition, which is compared.
  dependsOn: 'alter',
};

const RULE_EQUALS: FieldEquals<Rule> = { dependsOn: () => true };

export function diffRules(from: Model, to: Model): ObjectDiff<Rule> {
  return diffObjects(from.rule, to.rule, {
    what: 'rule',
    rules: RULE_RULES,
    equals: RULE_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'rule.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'rule.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'rule.alter', id, from: a, to: b, fields: fields as ComparedField<Rule>[],
      }),
    },
  });
}
