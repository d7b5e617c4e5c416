import type { Statistics, StatisticsKind } from '../model/types.js';
import type { QName } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

/** Every kind a statistics object over two or more columns or expressions gathers when none is named. */
const ALL_KINDS: readonly StatisticsKind[] = ['dependencies', 'mcv', 'ndistinct'];

/**
 * CREATE STATISTICS from the model's parts: the kinds only when not all of them (so that a newer
 * server adds its new kinds, as pg_dump leaves them out for the same reason), never over a single
 * expression, which takes none; expressions in parentheses, which the grammar takes for any of them.
 */
function createStatistics(s: Statistics): string {
  const all = s.kinds.length === 0 || ALL_KINDS.every((k) => s.kinds.includes(k));
  const kinds = all ? '' : ` (${s.kinds.join(', ')})`;
  const targets = [...s.columns.map(quoteIdent), ...s.expressions.map((e) => `(${e})`)];
  return `CREATE STATISTICS ${quoteQualified(s.schema, s.name)}${kinds} ON ${targets.join(', ')} FROM ${quoteQualified(s.tableSchema, s.tableName)}`;
}

export const statisticsRenderers: Renderers<'create-statistics' | 'drop-statistics' | 'set-statistics-target'> = {
  'create-statistics': (op) => createStatistics(op.statistics),
  'drop-statistics': (op) => `DROP STATISTICS ${q(op.statistics)}`,
  // -1 is the default on every version: PostgreSQL 17 stores it as NULL, older ones as -1.
  'set-statistics-target': (op) => `ALTER STATISTICS ${q(op.statistics)} SET STATISTICS ${op.target === null ? -1 : Math.trunc(op.target)}`,
};
