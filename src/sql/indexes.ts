import type { Index, IndexKey } from '../model/types.js';
import type { QName } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { renderCollation, renderOpclass } from './types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

function renderKey(key: IndexKey): string {
  let out: string;
  if (key.column !== null) out = quoteIdent(key.column);
  else if (key.expression !== null) out = `(${key.expression})`;
  else throw new Error('index key has neither a column nor an expression');
  if (key.collation !== null) out += ` COLLATE ${renderCollation(key.collation)}`;
  if (key.opclass !== null) out += ` ${renderOpclass(key.opclass)}`;
  if (key.descending) out += ' DESC';
  // Only when it differs from the server default (NULLS FIRST for DESC, NULLS LAST otherwise).
  if (key.nullsFirst !== key.descending) out += key.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
  return out;
}

export function renderCreateIndex(i: Index, concurrently: boolean): string {
  const parts = [`CREATE${i.unique ? ' UNIQUE' : ''} INDEX${concurrently ? ' CONCURRENTLY' : ''} ${quoteIdent(i.name)}`];
  parts.push(`ON ${quoteQualified(i.schema, i.table)} USING ${quoteIdent(i.method)} (${i.keys.map(renderKey).join(', ')})`);
  if (i.include.length > 0) parts.push(`INCLUDE (${i.include.map(quoteIdent).join(', ')})`);
  if (i.nullsNotDistinct) parts.push('NULLS NOT DISTINCT');
  if (i.with.length > 0) parts.push(`WITH (${i.with.join(', ')})`);
  if (i.where !== null) parts.push(`WHERE ${i.where}`);
  return parts.join(' ');
}

export const indexRenderers: Renderers<'create-index' | 'drop-index' | 'rename-index' | 'attach-index'> = {
  'create-index': (op) => renderCreateIndex(op.index, op.concurrently),
  'drop-index': (op) => `DROP INDEX${op.concurrently ? ' CONCURRENTLY' : ''} ${q(op.index)}${op.cascade ? ' CASCADE' : ''}`,
  'rename-index': (op) => `ALTER INDEX ${q(op.index)} RENAME TO ${quoteIdent(op.newName)}`,
  'attach-index': (op) => `ALTER INDEX ${q(op.parent)} ATTACH PARTITION ${q(op.index)}`,
};
