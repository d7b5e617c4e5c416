import type { OpKind } from './ops.js';
import type { LockLevel } from './step.js';

/**
 * The strongest lock each statement takes on a table (or, for types and sequences, on the object
 * itself). Creating a new object conflicts with nothing that exists, hence 'none'.
 */
export const OP_LOCKS: { readonly [K in OpKind]: LockLevel } = {
  'create-schema': 'none',
  'drop-schema': 'ACCESS EXCLUSIVE',
  'create-extension': 'none',
  'update-extension': 'ACCESS EXCLUSIVE',
  'drop-extension': 'ACCESS EXCLUSIVE',
  'create-enum': 'none',
  'add-enum-value': 'ACCESS EXCLUSIVE',
  'rename-enum': 'ACCESS EXCLUSIVE',
  'drop-enum': 'ACCESS EXCLUSIVE',
  'create-sequence': 'none',
  'alter-sequence': 'SHARE ROW EXCLUSIVE',
  'set-sequence-owner': 'SHARE ROW EXCLUSIVE',
  'drop-sequence': 'ACCESS EXCLUSIVE',
  'create-table': 'none',
  'drop-table': 'ACCESS EXCLUSIVE',
  'rename-table': 'ACCESS EXCLUSIVE',
  'add-column': 'ACCESS EXCLUSIVE',
  'drop-column': 'ACCESS EXCLUSIVE',
  'rename-column': 'ACCESS EXCLUSIVE',
  'alter-column-type': 'ACCESS EXCLUSIVE',
  'set-not-null': 'ACCESS EXCLUSIVE',
  'drop-not-null': 'ACCESS EXCLUSIVE',
  'set-default': 'ACCESS EXCLUSIVE',
  'drop-default': 'ACCESS EXCLUSIVE',
  'add-identity': 'ACCESS EXCLUSIVE',
  'drop-identity': 'ACCESS EXCLUSIVE',
  'set-identity': 'ACCESS EXCLUSIVE',
  'drop-expression': 'ACCESS EXCLUSIVE',
  'add-constraint': 'ACCESS EXCLUSIVE',
  'validate-constraint': 'SHARE UPDATE EXCLUSIVE',
  'drop-constraint': 'ACCESS EXCLUSIVE',
  'rename-constraint': 'ACCESS EXCLUSIVE',
  'create-index': 'SHARE',
  'drop-index': 'ACCESS EXCLUSIVE',
  'rename-index': 'SHARE UPDATE EXCLUSIVE',
  'comment-on': 'SHARE UPDATE EXCLUSIVE',
  'create-view': 'none',
  'drop-view': 'ACCESS EXCLUSIVE',
  'set-view-options': 'ACCESS EXCLUSIVE',
  'backfill-column': 'ROW EXCLUSIVE',
};
