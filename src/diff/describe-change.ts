import { displayName } from '../model/ids.js';
import type { Change } from './change.js';

const VERB = { create: 'create', drop: 'drop', alter: 'alter', rename: 'rename', add: 'add' } as const;

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
    default:
      return describeObjectChange(change);
  }
}

function describeObjectChange(change: Exclude<Change, { kind: `column.${string}` }>): string {
  const [kind, verb] = change.kind.split('.') as [string, keyof typeof VERB];
  switch (verb) {
    case 'create':
      return 'to' in change ? `create ${kind} ${displayName(change.to)}` : change.kind;
    case 'drop':
      return 'from' in change ? `drop ${kind} ${displayName(change.from)}` : change.kind;
    case 'rename':
      return 'from' in change && 'to' in change
        ? `rename ${kind} ${displayName(change.from)} to ${'name' in change.to ? change.to.name : ''}`
        : change.kind;
    case 'alter':
      return 'fields' in change && 'to' in change
        ? `alter ${kind} ${displayName(change.to)} (${(change.fields as readonly string[]).join(', ')})`
        : change.kind;
    default:
      return change.kind;
  }
}
