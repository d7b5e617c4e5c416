import type { Change, RenameSuggestion } from './change.js';
import { compareColumns } from './columns.js';
import { compareFields, sameValue } from './guard.js';
import { INDEX_RULES } from './indexes.js';
import { sameTableShape } from './tables.js';

const hint = (what: string, oldName: string, newName: string): string =>
  `if ${what} ${newName} is ${oldName} renamed, add .renamedFrom('${oldName}') to it; otherwise ${oldName} is dropped with its data`;

/**
 * Drops and creates that could pair up share a key: same kind and same parent (schema, or table for
 * columns and indexes). Only pairs within a key are compared, so a large diff (a whole schema created)
 * costs a pass over its changes instead of a comparison of every change with every other.
 */
function pairKey(change: Change): string | null {
  switch (change.kind) {
    case 'table.drop':
      return `table\u0000${change.from.schema}`;
    case 'table.create':
      return `table\u0000${change.to.schema}`;
    case 'column.drop':
    case 'column.add':
      return `column\u0000${change.table.schema}\u0000${change.table.name}`;
    case 'enum.drop':
      return `enum\u0000${change.from.schema}`;
    case 'enum.create':
      return `enum\u0000${change.to.schema}`;
    case 'index.drop':
      return `index\u0000${change.from.schema}\u0000${change.from.table}`;
    case 'index.create':
      return `index\u0000${change.to.schema}\u0000${change.to.table}`;
    default:
      return null;
  }
}

const isDrop = (c: Change): boolean => c.kind === 'table.drop' || c.kind === 'column.drop' || c.kind === 'enum.drop' || c.kind === 'index.drop';

function suggestion(drop: Change, create: Change): RenameSuggestion | null {
  if (drop.kind === 'table.drop' && create.kind === 'table.create') {
    const [a, b] = [drop.from, create.to];
    if (a.schema === b.schema && sameTableShape(a, b)) {
      return { kind: 'table', from: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}`, hint: hint('table', a.name, b.name) };
    }
  } else if (drop.kind === 'column.drop' && create.kind === 'column.add') {
    const [a, b] = [drop.from, create.to];
    const sameTable = drop.table.schema === create.table.schema && drop.table.name === create.table.name;
    if (sameTable && a.name !== b.name && compareColumns('column', a, b).changed.length === 0) {
      const t = `${create.table.schema}.${create.table.name}`;
      return { kind: 'column', from: `${t}.${a.name}`, to: `${t}.${b.name}`, hint: hint('column', a.name, b.name) };
    }
  } else if (drop.kind === 'enum.drop' && create.kind === 'enum.create') {
    const [a, b] = [drop.from, create.to];
    if (a.schema === b.schema && sameValue(a.values, b.values)) {
      return { kind: 'enum', from: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}`, hint: hint('enum', a.name, b.name) };
    }
  } else if (drop.kind === 'index.drop' && create.kind === 'index.create') {
    const [a, b] = [drop.from, create.to];
    const same = a.schema === b.schema && a.table === b.table && a.name !== b.name;
    if (same && compareFields('index', a, b, INDEX_RULES).changed.length === 0) {
      return { kind: 'index', from: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}`, hint: hint('index', a.name, b.name) };
    }
  }
  return null;
}

/**
 * Drop + create pairs of the same kind and parent whose compared fields are identical: probably a
 * rename without a hint. They stay drop + create; the suggestion tells the user which hint to add.
 * Order: by drop, then by create, each in change order.
 */
export function renameSuggestions(changes: readonly Change[]): RenameSuggestion[] {
  const creates = new Map<string, Change[]>();
  for (const c of changes) {
    const key = isDrop(c) ? null : pairKey(c);
    if (key === null) continue;
    const list = creates.get(key);
    if (list) list.push(c);
    else creates.set(key, [c]);
  }
  const out: RenameSuggestion[] = [];
  for (const drop of changes) {
    const key = isDrop(drop) ? pairKey(drop) : null;
    if (key === null) continue;
    for (const create of creates.get(key) ?? []) {
      const s = suggestion(drop, create);
      if (s) out.push(s);
    }
  }
  return out;
}
