import type { Model, Privilege } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** Privileges are granted and revoked one by one; target and grantee make up the id. */
export const PRIVILEGE_RULES: FieldRules<Privilege> = {
  target: 'recreate',
  grantee: 'recreate',
  privileges: 'alter',
  grantable: 'alter',
  // The target's id: part of the privilege's id already.
  dependsOn: 'alter',
};

const PRIVILEGE_EQUALS: FieldEquals<Privilege> = { dependsOn: () => true };

export function diffPrivileges(from: Model, to: Model): ObjectDiff<Privilege> {
  return diffObjects(from.privilege, to.privilege, {
    what: 'privilege',
    rules: PRIVILEGE_RULES,
    equals: PRIVILEGE_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'privilege.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'privilege.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'privilege.alter', id, from: a, to: b, fields: fields as ComparedField<Privilege>[],
      }),
    },
  });
}
