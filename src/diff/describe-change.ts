import { displayName } from '../model/ids.js';
import type { ConstraintType, DbObject } from '../model/types.js';
import type { Change, TableRecreateReason } from './change.js';

// A reviewer reads "drop exclusion constraint" very differently from "drop check constraint".
const CONSTRAINT_LABELS: { readonly [T in ConstraintType]: string } = {
  'primary-key': 'primary key',
  unique: 'unique constraint',
  'foreign-key': 'foreign key',
  check: 'check constraint',
  exclusion: 'exclusion constraint',
};

function recreateReason(reason: TableRecreateReason): string {
  switch (reason.kind) {
    case 'parent':
      return `with ${reason.parent.schema}.${reason.parent.table}`;
    case 'fields':
      return reason.fields.join(', ');
    case 'column-order':
      return `column order: ${reason.order.join(', ')}`;
    default: {
      const never: never = reason;
      return never;
    }
  }
}

function objectLabel(obj: DbObject): string {
  const kind = obj.kind === 'constraint' ? CONSTRAINT_LABELS[obj.type] : obj.kind;
  return `${kind} ${displayName(obj)}`;
}

/** One human line per change, e.g. `add column public.users.email`. Names are unquoted on purpose. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'column.add':
      return `add column ${change.table.schema}.${change.table.name}.${change.to.name}`;
    case 'column.drop':
      return `drop column ${change.table.schema}.${change.table.name}.${change.from.name}`;
    case 'column.alter':
      return `alter column ${change.table.schema}.${change.table.name}.${change.to.name} (${change.fields.join(', ')})`;
    case 'column.rename':
      return `rename column ${change.table.schema}.${change.table.name}.${change.from.name} to ${change.to.name}`;
    case 'schema.create':
    case 'extension.create':
    case 'enum.create':
    case 'sequence.create':
    case 'table.create':
    case 'constraint.create':
    case 'index.create':
    case 'view.create':
    case 'function.create':
    case 'trigger.create':
    case 'policy.create':
    case 'privilege.create':
    case 'collation.create':
    case 'domain.create':
      return `create ${objectLabel(change.to)}`;
    case 'schema.drop':
    case 'extension.drop':
    case 'enum.drop':
    case 'sequence.drop':
    case 'table.drop':
    case 'constraint.drop':
    case 'index.drop':
    case 'view.drop':
    case 'function.drop':
    case 'trigger.drop':
    case 'policy.drop':
    case 'privilege.drop':
    case 'collation.drop':
    case 'domain.drop':
      return `drop ${objectLabel(change.from)}`;
    case 'schema.alter':
    case 'extension.alter':
    case 'enum.alter':
    case 'sequence.alter':
    case 'table.alter':
    case 'constraint.alter':
    case 'index.alter':
    case 'view.alter':
    case 'function.alter':
    case 'trigger.alter':
    case 'policy.alter':
    case 'privilege.alter':
    case 'collation.alter':
    case 'domain.alter':
      return `alter ${objectLabel(change.to)} (${(change.fields as readonly string[]).join(', ')})`;
    case 'table.recreate':
      return `recreate ${objectLabel(change.to)} (${recreateReason(change.reason)})`;
    case 'enum.rename':
    case 'table.rename':
    case 'constraint.rename':
    case 'index.rename':
      return `rename ${objectLabel(change.from)} to ${change.to.name}`;
    default: {
      const never: never = change;
      throw new Error(`describeChange: unknown change ${JSON.stringify(never)}`);
    }
  }
}
