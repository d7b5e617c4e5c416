import { objectId } from '../model/ids.js';
import type { Model, ObjectId, Sequence } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import { samePartial, type FieldEquals, type FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';
import type { RenameContext } from './renames.js';

export const SEQUENCE_RULES: FieldRules<Sequence> = { options: 'alter', ownedBy: 'alter', comment: 'alter' };

const SEQUENCE_EQUALS: FieldEquals<Sequence> = {
  options: (from, to) => samePartial(from, to),
};

function project(seq: Sequence, renames: RenameContext): Sequence {
  if (seq.ownedBy === null) return seq;
  const owner = seq.ownedBy;
  const table = renames.table(seq.schema, owner.table);
  const column = renames.column(seq.schema, owner.table, owner.column);
  return table === owner.table && column === owner.column ? seq : { ...seq, ownedBy: { table, column } };
}

/**
 * New id → current id of the sequences named after their column (`<table>_<column>_seq`) whose table
 * or column is renamed: each is renamed with it, keeping its value, never dropped and created again
 * (which would restart the ids the column's default hands out).
 */
function followingRenames(from: Model, renames: RenameContext): Map<ObjectId, ObjectId> {
  const previous = new Map<ObjectId, ObjectId>();
  for (const [id, seq] of from.sequence) {
    const name = renames.sequence(seq.schema, seq.name);
    if (name !== seq.name) previous.set(objectId({ ...seq, name }), id);
  }
  return previous;
}

export function diffSequences(from: Model, to: Model, renames: RenameContext): ObjectDiff<Sequence> {
  const previous = followingRenames(from, renames);
  return diffObjects(from.sequence, to.sequence, {
    what: 'sequence',
    previousId: (seq) => previous.get(objectId(seq)) ?? null,
    rules: SEQUENCE_RULES,
    equals: SEQUENCE_EQUALS,
    project: (seq) => project(seq, renames),
    make: {
      create: (id, obj): Change => ({ kind: 'sequence.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'sequence.drop', id, from: obj }),
      rename: (id, a, b): Change => ({ kind: 'sequence.rename', id, from: a, to: b }),
      alter: (id, a, b, fields): Change => ({
        kind: 'sequence.alter', id, from: a, to: b, fields: fields as ComparedField<Sequence>[],
      }),
    },
  });
}
