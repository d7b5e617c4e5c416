import type { Domain, Model } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/**
 * ALTER DOMAIN changes the default, NOT NULL and checks in place. A new base type or collation
 * cannot be altered: the plan rebuilds the domain and retypes its columns (plan/strategies/domain-rebuild.ts),
 * so the change stays one alter rather than a drop and a create that its columns would block.
 */
export const DOMAIN_RULES: FieldRules<Domain> = {
  baseType: 'alter',
  collation: 'alter',
  notNull: 'alter',
  default: 'alter',
  checks: 'alter',
  comment: 'alter',
  dependsOn: 'alter',
};

// What the default and checks call follows from them: it orders work and is never a change itself.
const DOMAIN_EQUALS: FieldEquals<Domain> = { dependsOn: () => true };

export function diffDomains(from: Model, to: Model): ObjectDiff<Domain> {
  return diffObjects(from.domain, to.domain, {
    what: 'domain',
    rules: DOMAIN_RULES,
    equals: DOMAIN_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'domain.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'domain.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({ kind: 'domain.alter', id, from: a, to: b, fields: fields as ComparedField<Domain>[] }),
    },
  });
}
