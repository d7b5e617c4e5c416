import type { ConstraintType, DbObject, GrantTarget } from '../model/types.js';
import { commentIdent, commentQualified, commentText } from '../sql/ident.js';
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
      return `with ${commentQualified(reason.parent.schema, reason.parent.table)}`;
    case 'fields':
      return reason.fields.join(', ');
    case 'column-order':
      return `column order: ${reason.order.map(commentIdent).join(', ')}`;
    default: {
      const never: never = reason;
      return never;
    }
  }
}

/** What a privilege is on, e.g. `table:public.users`, its names shown as commentIdent shows them. */
export function displayGrantTarget(t: GrantTarget): string {
  switch (t.on) {
    case 'schema':
      return `schema:${commentIdent(t.name)}`;
    case 'table':
    case 'view':
    case 'sequence':
      return `${t.on}:${commentQualified(t.schema, t.name)}`;
    case 'column':
      return `column:${commentQualified(t.schema, t.table, t.column)}`;
    case 'function':
    case 'aggregate':
      return `${t.on}:${commentQualified(t.schema, t.name)}(${commentText(t.args)})`;
    default: {
      const never: never = t;
      throw new Error(`displayGrantTarget: unknown target ${JSON.stringify(never)}`);
    }
  }
}

/**
 * `schema.name` for messages and comments. Plain names stay bare, as a reader writes them; any other
 * name is quoted, and one holding a line break or control character is escaped (commentIdent), so
 * the line can never end inside a name.
 */
export function displayName(obj: DbObject): string {
  switch (obj.kind) {
    case 'schema':
    case 'extension':
    case 'event-trigger':
    case 'publication':
      return commentIdent(obj.name);
    case 'constraint':
    case 'trigger':
    case 'policy':
    case 'rule':
      return `${commentIdent(obj.name)} on ${commentQualified(obj.schema, obj.table)}`;
    case 'statistics':
      return `${commentQualified(obj.schema, obj.name)} on ${commentQualified(obj.tableSchema, obj.tableName)}`;
    case 'function':
    case 'aggregate':
      return `${commentQualified(obj.schema, obj.name)}(${commentText(obj.args)})`;
    case 'privilege':
      return `${commentIdent(obj.grantee)} on ${displayGrantTarget(obj.target)}`;
    case 'default-privileges':
      return `for role ${commentIdent(obj.role)}${obj.schema === null ? '' : ` in schema ${commentIdent(obj.schema)}`} on ${obj.objectType} to ${commentIdent(obj.grantee)}`;
    case 'enum':
    case 'sequence':
    case 'table':
    case 'index':
    case 'view':
    case 'collation':
    case 'domain':
    case 'composite-type':
    case 'range-type':
      return commentQualified(obj.schema, obj.name);
    default: {
      const never: never = obj;
      throw new Error(`displayName: unknown object ${JSON.stringify(never)}`);
    }
  }
}

function objectLabel(obj: DbObject): string {
  const kind = obj.kind === 'constraint' ? CONSTRAINT_LABELS[obj.type]
    : obj.kind === 'composite-type' ? 'composite type' : obj.kind === 'range-type' ? 'range type' : obj.kind;
  return `${kind} ${displayName(obj)}`;
}

/**
 * One human line per change, e.g. `add column public.users.email`. It is written into migration
 * files as a comment, so every name goes through commentIdent (see displayName).
 */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'column.add':
      return `add column ${commentQualified(change.table.schema, change.table.name, change.to.name)}`;
    case 'column.drop':
      return `drop column ${commentQualified(change.table.schema, change.table.name, change.from.name)}`;
    case 'column.alter':
      return `alter column ${commentQualified(change.table.schema, change.table.name, change.to.name)} (${change.fields.join(', ')})`;
    case 'column.rename':
      return `rename column ${commentQualified(change.table.schema, change.table.name, change.from.name)} to ${commentIdent(change.to.name)}`;
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
    case 'composite-type.create':
    case 'default-privileges.create':
    case 'event-trigger.create':
    case 'publication.create':
    case 'statistics.create':
    case 'rule.create':
    case 'range-type.create':
    case 'aggregate.create':
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
    case 'composite-type.drop':
    case 'default-privileges.drop':
    case 'event-trigger.drop':
    case 'publication.drop':
    case 'statistics.drop':
    case 'rule.drop':
    case 'range-type.drop':
    case 'aggregate.drop':
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
    case 'composite-type.alter':
    case 'default-privileges.alter':
    case 'event-trigger.alter':
    case 'publication.alter':
    case 'statistics.alter':
    case 'rule.alter':
    case 'range-type.alter':
    case 'aggregate.alter':
      return `alter ${objectLabel(change.to)} (${(change.fields as readonly string[]).join(', ')})`;
    case 'table.recreate':
      return `recreate ${objectLabel(change.to)} (${recreateReason(change.reason)})`;
    case 'enum.rename':
    case 'sequence.rename':
    case 'table.rename':
    case 'constraint.rename':
    case 'index.rename':
      return `rename ${objectLabel(change.from)} to ${commentIdent(change.to.name)}`;
    default: {
      const never: never = change;
      throw new Error(`describeChange: unknown change ${JSON.stringify(never)}`);
    }
  }
}
