import type { Model, Policy } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRuleFor, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** ALTER POLICY can set a new expression but cannot take one away. */
const expressionRule: FieldRuleFor<Policy> = (from, to) =>
  (from.usingExpression !== null && to.usingExpression === null) || (from.withCheck !== null && to.withCheck === null) ? 'recreate' : 'alter';

export const POLICY_RULES: FieldRules<Policy> = {
  permissive: 'recreate',
  command: 'recreate',
  roles: 'alter',
  usingExpression: expressionRule,
  withCheck: expressionRule,
  comment: 'alter',
  // Read from pg_depend; follows from the expressions, which are compared.
  dependsOn: 'alter',
};

const POLICY_EQUALS: FieldEquals<Policy> = { dependsOn: () => true };

export function diffPolicies(from: Model, to: Model): ObjectDiff<Policy> {
  return diffObjects(from.policy, to.policy, {
    what: 'policy',
    rules: POLICY_RULES,
    equals: POLICY_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'policy.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'policy.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'policy.alter', id, from: a, to: b, fields: fields as ComparedField<Policy>[],
      }),
    },
  });
}
