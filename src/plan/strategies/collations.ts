import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import type { Collation } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import { op, qname } from '../ops.js';
import { commentStep } from './comments.js';

const nameOf = (c: Collation) => qname(c.schema, c.name);

/** Before tables and enums: columns and indexes name collations. */
export function createCollation(change: CreateChange<'collation'>): Placed[] {
  const c = change.to;
  return [
    place('create-collations', change, op('create-collation', { collation: c }), { reverse: op('drop-collation', { collation: nameOf(c) }) }),
    ...commentStep(change, { on: 'collation', object: nameOf(c) }, null, c.comment),
  ];
}

/** After the tables whose columns used it. */
export function dropCollation(change: DropChange<'collation'>): Placed[] {
  const c = change.from;
  return [place('drop-collations', change, op('drop-collation', { collation: nameOf(c) }), { reverse: op('create-collation', { collation: c }) })];
}

export function alterCollation(change: AlterChange<'collation'>): Placed[] {
  const { from, to } = change;
  return commentStep(change, { on: 'collation', object: nameOf(to) }, from.comment, to.comment);
}
