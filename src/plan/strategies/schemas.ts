import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { place, type Placed } from '../build.js';
import { op } from '../ops.js';
import { commentStep } from './comments.js';

export function createSchema(change: CreateChange<'schema'>): Placed[] {
  const s = change.to;
  return [
    place('create-schemas', change, op('create-schema', { name: s.name }), { reverse: op('drop-schema', { name: s.name }) }),
    ...commentStep(change, { on: 'schema', name: s.name }, null, s.comment),
  ];
}

export function dropSchema(change: DropChange<'schema'>): Placed[] {
  // Its objects are dropped by their own steps first; DROP SCHEMA without CASCADE guards the rest.
  return [place('drop-schemas', change, op('drop-schema', { name: change.from.name }), { reverse: null })];
}

export function alterSchema(change: AlterChange<'schema'>): Placed[] {
  return commentStep(change, { on: 'schema', name: change.to.name }, change.from.comment, change.to.comment);
}
