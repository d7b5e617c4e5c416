import type { QName } from '../plan/ops.js';
import { quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

export const statisticsRenderers: Renderers<'create-statistics' | 'drop-statistics' | 'set-statistics-target'> = {
  // pg_get_statisticsobjdef's text: the complete CREATE STATISTICS statement, expressions in the
  // form its grammar takes back.
  'create-statistics': (op) => op.statistics.definition,
  'drop-statistics': (op) => `DROP STATISTICS ${q(op.statistics)}`,
  // -1 is the default on every version: PostgreSQL 17 stores it as NULL, older ones as -1.
  'set-statistics-target': (op) => `ALTER STATISTICS ${q(op.statistics)} SET STATISTICS ${op.target === null ? -1 : Math.trunc(op.target)}`,
};
