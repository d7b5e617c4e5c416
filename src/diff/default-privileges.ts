import type { DefaultPrivilege, Model } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

/** Granted and revoked one by one, like privileges; role, schema, object type and grantee make up the id. */
export const DEFAULT_PRIVILEGE_RULES: FieldRules<DefaultPrivilege> = {
  role: 'recreate',
  objectType: 'recreate',
  grantee: 'recreate',
  privileges: 'alter',
  grantable: 'alter',
};

export function diffDefaultPrivileges(from: Model, to: Model): ObjectDiff<DefaultPrivilege> {
  return diffObjects(from['default-privileges'], to['default-privileges'], {
    what: 'default privileges',
    rules: DEFAULT_PRIVILEGE_RULES,
    make: {
      create: (id, obj): Change => ({ kind: 'default-privileges.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'default-privileges.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'default-privileges.alter', id, from: a, to: b, fields: fields as ComparedField<DefaultPrivilege>[],
      }),
    },
  });
}
