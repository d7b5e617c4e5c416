import type { CommentOn } from '../model/kinds.js';
import type { CommentTarget } from '../plan/ops.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { aggregateArgs } from './aggregates.js';

function target(t: CommentTarget): string {
  switch (t.on) {
    case 'schema':
      return `SCHEMA ${quoteIdent(t.name)}`;
    case 'table':
      return `TABLE ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'type':
      return `TYPE ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'sequence':
      return `SEQUENCE ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'index':
      return `INDEX ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'collation':
      return `COLLATION ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'view':
      return `VIEW ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'materialized-view':
      return `MATERIALIZED VIEW ${quoteQualified(t.object.schema, t.object.name)}`;
    case 'column':
      return `COLUMN ${quoteQualified(t.table.schema, t.table.name)}.${quoteIdent(t.column)}`;
    case 'constraint':
      return `CONSTRAINT ${quoteIdent(t.name)} ON ${quoteQualified(t.table.schema, t.table.name)}`;
    case 'policy':
      return `POLICY ${quoteIdent(t.name)} ON ${quoteQualified(t.table.schema, t.table.name)}`;
    case 'trigger':
      return `TRIGGER ${quoteIdent(t.name)} ON ${quoteQualified(t.table.schema, t.table.name)}`;
    case 'statistics':
      return `STATISTICS ${quoteQualified(t.statistics.schema, t.statistics.name)}`;
    case 'rule':
      return `RULE ${quoteIdent(t.name)} ON ${quoteQualified(t.table.schema, t.table.name)}`;
    case 'function':
    case 'procedure':
      // args are the server-printed identity argument types.
      return `${t.on.toUpperCase()} ${quoteQualified(t.routine.schema, t.routine.name)}(${t.args})`;
    case 'event-trigger':
      return `EVENT TRIGGER ${quoteIdent(t.name)}`;
    case 'publication':
      return `PUBLICATION ${quoteIdent(t.name)}`;
    case 'aggregate':
      return `AGGREGATE ${quoteQualified(t.aggregate.schema, t.aggregate.name)}${aggregateArgs(t.args)}`;
    default: {
      const never: never = t;
      throw new Error(`unknown comment target ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The targets rendered here are exactly the registry's `CommentOn`: a kind's comment target that has
 * no case above, or a case that no kind's target names, does not compile.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const targetsMatchRegistry: Same<CommentTarget['on'], CommentOn> = true;
void targetsMatchRegistry;

export const commentRenderers: Renderers<'comment-on'> = {
  'comment-on': (op) => `COMMENT ON ${target(op.target)} IS ${op.comment === null ? 'NULL' : quoteLiteral(op.comment)}`,
};
