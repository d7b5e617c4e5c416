import type { Change, RenameSuggestion } from './change.js';
import { compareColumns } from './columns.js';
import { compareFields, sameValue } from './guard.js';
import { INDEX_RULES } from './indexes.js';
import { sameTableShape } from './tables.js';

/**
 * Drop + create pairs of the same kind and parent whose compared fields are identical: probably a
 * rename without a hint. They stay drop + create; the suggestion tells the user which hint to add.
 */
export function renameSuggestions(changes: readonly Change[]): RenameSuggestion[] {
  const out: RenameSuggestion[] = [];
  const hint = (what: string, oldName: string, newName: string): string =>
    `if ${what} ${newName} is ${oldName} renamed, add .renamedFrom('${oldName}') to it; otherwise ${oldName} is dropped with its data`;
  for (const drop of changes) {
    for (const create of changes) {
      if (drop.kind === 'table.drop' && create.kind === 'table.create') {
        const [a, b] = [drop.from, create.to];
        if (a.schema === b.schema && sameTableShape(a, b)) {
          out.push({ kind: 'table', from: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}`, hint: hint('table', a.name, b.name) });
        }
      } else if (drop.kind === 'column.drop' && create.kind === 'column.add') {
        const [a, b] = [drop.from, create.to];
        const sameTable = drop.table.schema === create.table.schema && drop.table.name === create.table.name;
        if (sameTable && a.name !== b.name && compareColumns('column', a, b).changed.length === 0) {
          const t = `${create.table.schema}.${create.table.name}`;
          out.push({ kind: 'column', from: `${t}.${a.name}`, to: `${t}.${b.name}`, hint: hint('column', a.name, b.name) });
        }
      } else if (drop.kind === 'enum.drop' && create.kind === 'enum.create') {
        const [a, b] = [drop.from, create.to];
        if (a.schema === b.schema && sameValue(a.values, b.values)) {
          out.push({ kind: 'enum', from: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}`, hint: hint('enum', a.name, b.name) });
        }
      } else if (drop.kind === 'index.drop' && create.kind === 'index.create') {
        const [a, b] = [drop.from, create.to];
        const same = a.schema === b.schema && a.table === b.table && a.name !== b.name;
        if (same && compareFields('index', a, b, INDEX_RULES).changed.length === 0) {
          out.push({ kind: 'index', from: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}`, hint: hint('index', a.name, b.name) });
        }
      }
    }
  }
  return out;
}
