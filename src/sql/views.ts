import type { QName } from '../plan/ops.js';
import { quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

// Options are `name=value` pairs as pg_class.reloptions prints them: names are plain keywords and
// values are server-printed, so they are passed through as they are.
const withClause = (options: readonly string[]): string => (options.length > 0 ? ` WITH (${options.join(', ')})` : '');

export const viewRenderers: Renderers<'create-view' | 'drop-view' | 'set-view-options'> = {
  'create-view': ({ view: v }) =>
    `CREATE${v.materialized ? ' MATERIALIZED' : ''} VIEW ${quoteQualified(v.schema, v.name)}${withClause(v.with)} AS\n${v.definition}`,
  'drop-view': (op) => `DROP${op.materialized ? ' MATERIALIZED' : ''} VIEW ${q(op.view)}`,
  // ALTER TABLE, not ALTER VIEW: it is the form that also takes both SET and RESET in one statement.
  'set-view-options': (op) => {
    const parts: string[] = [];
    if (op.reset.length > 0) parts.push(`RESET (${op.reset.join(', ')})`);
    if (op.set.length > 0) parts.push(`SET (${op.set.join(', ')})`);
    return `ALTER TABLE ${q(op.view)} ${parts.join(', ')}`;
  },
};
