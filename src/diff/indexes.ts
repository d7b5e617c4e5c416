import { objectId } from '../model/ids.js';
import type { Index, Model } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import type { FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';
import { previousIdVia, type RenameContext } from './renames.js';

/**
 * Only the comment of an index and a partition index's attachment to its parent's index change in
 * place; everything else rebuilds it.
 */
export const INDEX_RULES: FieldRules<Index> = {
  unique: 'recreate',
  nullsNotDistinct: 'recreate',
  method: 'recreate',
  keys: 'recreate',
  include: 'recreate',
  where: 'recreate',
  with: 'recreate',
  comment: 'alter',
  // An INVALID index (a failed concurrent build) is rebuilt even when its definition is right.
  invalid: 'recreate',
  attachedTo: 'alter',
};

function project(index: Index, renames: RenameContext): Index {
  const column = (name: string): string => renames.column(index.schema, index.table, name);
  return {
    ...index,
    table: renames.table(index.schema, index.table),
    keys: index.keys.map((k) => (k.column === null ? k : { ...k, column: column(k.column) })),
    include: index.include.map(column),
  };
}

export function diffIndexes(from: Model, to: Model, renames: RenameContext): ObjectDiff<Index> {
  return diffObjects(from.index, to.index, {
    what: 'index',
    rules: INDEX_RULES,
    previousId: (index) => {
      const hinted = previousIdVia<Index>(objectId)(index);
      if (hinted !== null) return hinted;
      const old = renames.nameBeforeTableRename(index.schema, index.table, index.name);
      return old === null ? null : objectId({ ...index, name: old });
    },
    project: (index) => project(index, renames),
    sameParent: (a, b) => a.table === b.table,
    make: {
      create: (id, obj): Change => ({ kind: 'index.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'index.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({ kind: 'index.alter', id, from: a, to: b, fields: fields as ComparedField<Index>[] }),
      rename: (id, a, b): Change => ({ kind: 'index.rename', id, from: a, to: b }),
    },
  });
}
