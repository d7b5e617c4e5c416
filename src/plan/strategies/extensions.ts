import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { hazard, place, type Placed } from '../build.js';
import { op } from '../ops.js';
import { commentIdent } from '../../sql/ident.js';

export function createExtension(change: CreateChange<'extension'>): Placed[] {
  const e = change.to;
  return [place('create-extensions', change, op('create-extension', { name: e.name, schema: e.schema, version: e.version }), {
    reverse: op('drop-extension', { name: e.name }),
  })];
}

export function dropExtension(change: DropChange<'extension'>): Placed[] {
  return [place('drop-extensions', change, op('drop-extension', { name: change.from.name }), {
    hazards: [hazard('data-loss', 'medium', `dropping extension ${commentIdent(change.from.name)} removes the objects it owns`)],
    reverse: null,
  })];
}

export function alterExtension(change: AlterChange<'extension'>): Placed[] {
  const { from, to } = change;
  if (to.version === null) return [];
  const reverse = from.version === null ? null : op('update-extension', { name: from.name, version: from.version });
  return [place('create-extensions', change, op('update-extension', { name: to.name, version: to.version }), { reverse })];
}
