import type { Model, Sequence } from '../model/types.js';
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

export function diffSequences(from: Model, to: Model, renames: RenameContext): ObjectDiff<Sequence> {
  return diffObjects(from.sequence, to.sequence, {
    what: 'sequence',
    rules: SEQUENCE_RULES,
    equals: SEQUENCE_EQUALS,
    project: (seq) => project(seq, renames),
    make: {
      create: (id, obj): Change => ({ kind: 'sequence.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'sequence.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({
        kind: 'sequence.alter', id, from: a, to: b, fields: fields as ComparedField<Sequence>[],
      }),
    },
  });
}
